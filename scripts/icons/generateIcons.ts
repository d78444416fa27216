// `npm run icons`: renders resources/icon.svg into every icon file the app and its installers
// use. Run it after editing the SVG and commit what it writes; the packaging test fails while
// the committed files differ from what the SVG renders to.
//   resources/icons/NxN.png   PNG_SIZES (Linux's icon set, the window icon)
//   resources/icon.png        1024 px (electron-builder's default icon)
//   resources/icon.ico        Windows (the .exe and the NSIS installer)
//   resources/icon.icns       macOS (the .app and the .dmg)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { iconFiles } from './renderIcons'

const resources = join(import.meta.dirname, '..', '..', 'resources')
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8')
for (const [name, data] of iconFiles(svg)) {
  const path = join(resources, name)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, data)
  console.log(`resources/${name}  ${data.length} bytes`)
}
