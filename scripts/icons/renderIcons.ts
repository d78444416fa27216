// Renders resources/icon.svg into the bytes of every icon file (see generateIcons.ts).
import { Resvg } from '@resvg/resvg-js'
import { ICO_SIZES, icnsFile, icoFile, type IconImage, PNG_SIZES } from './iconFiles'

/** icon.svg rendered square at `size` pixels. */
export function renderIcon(svg: string, size: number): IconImage {
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
    logLevel: 'off',
  }).render()
  if (rendered.width !== size || rendered.height !== size) {
    throw new Error(`icon.svg rendered at ${rendered.width}x${rendered.height}, not ${size}`)
  }
  return { size, png: rendered.asPng(), rgba: rendered.pixels }
}

/** Every icon file, by path relative to resources/, as rendered from `svg`. */
export function iconFiles(svg: string): Map<string, Buffer> {
  const images = new Map<number, IconImage>(PNG_SIZES.map((size) => [size, renderIcon(svg, size)]))
  const image = (size: number) => {
    const found = images.get(size)
    if (!found) throw new Error(`no ${size} px rendering`)
    return found
  }
  const files = new Map<string, Buffer>()
  for (const size of PNG_SIZES) files.set(`icons/${size}x${size}.png`, image(size).png)
  files.set('icon.png', image(1024).png)
  files.set('icon.ico', icoFile(ICO_SIZES.map(image)))
  files.set(
    'icon.icns',
    icnsFile((size) => image(size).png),
  )
  return files
}
