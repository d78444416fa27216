// electron-builder.json cannot be exercised here (packaging downloads Electron), so this checks
// what can go wrong without the download: a path the configuration names that does not exist, a
// key electron-builder's schema does not know, icons whose sizes are not what they claim, and
// icon files left stale after an edit of icon.svg.
import { Resvg } from '@resvg/resvg-js'
import type { Configuration } from 'electron-builder'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { describe, expect, it } from 'vitest'
import builderConfig from '../../electron-builder.json'
import packageJson from '../../package.json'
import {
  ICNS_TYPES,
  ICO_SIZES,
  PNG_SIZES,
  pngSize,
  readIcns,
  readIco,
} from '../../scripts/icons/iconFiles'
import { renderIcon } from '../../scripts/icons/renderIcons'
import { WINDOW_ICON, windowIconPath } from './appIcon'

const root = join(import.meta.dirname, '..', '..')
const at = (path: string) => join(root, path)
const resources = builderConfig.directories.buildResources

/** A glob as electron-builder reads it (`**` any folders, `*` within one name) as a RegExp. */
function globRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) =>
      part === '**/'
        ? '(?:.*/)?'
        : part === '**'
          ? '.*'
          : part === '*'
            ? '[^/]*'
            : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${source}$`)
}

describe('electron-builder.json', () => {
  it('is a configuration electron-builder accepts', async () => {
    // electron-builder's own schema check (the one `electron-builder` runs first); the module
    // is internal to app-builder-lib, whose version package-lock.json pins.
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config.js')
    const { DebugLogger } = await import('builder-util')
    await expect(
      validateConfiguration(
        structuredClone(builderConfig) as unknown as Configuration,
        new DebugLogger(false),
      ),
    ).resolves.toBeUndefined()
    expect(builderConfig.productName).toBe('Margin')
  })

  it('names only files and folders that exist', () => {
    expect(statSync(at(resources)).isDirectory()).toBe(true)
    const icons = [
      builderConfig.mac.icon,
      builderConfig.dmg.icon,
      builderConfig.win.icon,
      builderConfig.nsis.installerIcon,
      builderConfig.nsis.uninstallerIcon,
    ]
    for (const icon of icons) expect(existsSync(at(icon)), icon).toBe(true)
    expect(statSync(at(builderConfig.linux.icon)).isDirectory()).toBe(true)
    for (const { from } of builderConfig.extraResources) {
      expect(existsSync(at(from)), from).toBe(true)
    }
  })

  it('ships the seed digests beside the app, where the packaged app reads them', () => {
    const seeds = builderConfig.extraResources.find((entry) => entry.to === 'seeds')
    expect(seeds).toBeDefined()
    const names = readdirSync(at(seeds!.from)).filter((name) =>
      (seeds!.filter ?? []).some((glob) => globRegExp(glob).test(name)),
    )
    // src/main/index.ts: join(process.resourcesPath, 'seeds') when packaged.
    expect(names).toContain('daily-papers-aug-6.txt')
  })

  it('packs the built app electron-vite writes, with package.json main inside it', () => {
    const [outputs] = builderConfig.files
    expect(builderConfig.files).toEqual(['out/**'])
    expect(globRegExp(outputs!).test(packageJson.main)).toBe(true)
    for (const entry of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
      expect(globRegExp(outputs!).test(entry), entry).toBe(true)
    }
    expect(builderConfig.directories.output).toBe('dist')
  })

  it('unpacks better-sqlite3 from the asar, which cannot load a native addon from inside it', () => {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'
    expect(existsSync(at(addon))).toBe(true)
    expect(builderConfig.asarUnpack.some((glob) => globRegExp(glob).test(addon))).toBe(true)
    expect(
      builderConfig.asarUnpack.some((glob) => globRegExp(glob).test('out/main/index.js')),
    ).toBe(false)
  })

  it('builds AppImage and .deb, .dmg and an NSIS installer', () => {
    expect(builderConfig.linux.target).toEqual(['AppImage', 'deb'])
    expect(builderConfig.linux.category).toBe('Office;Education')
    expect(builderConfig.mac.target).toEqual(['dmg'])
    expect(builderConfig.win.target).toEqual(['nsis'])
  })

  it('copies the window icon to where the packaged window looks for it', () => {
    expect(builderConfig.extraResources).toContainEqual({
      from: posix.join(resources, WINDOW_ICON),
      to: WINDOW_ICON,
    })
    const place = { isPackaged: true, resourcesPath: '/opt/Margin/resources', appPath: root }
    expect(windowIconPath({ ...place, platform: 'linux' })).toBe(
      join('/opt/Margin/resources', WINDOW_ICON),
    )
    expect(windowIconPath({ ...place, platform: 'win32', isPackaged: false })).toBe(
      at(join(resources, WINDOW_ICON)),
    )
    expect(existsSync(windowIconPath({ ...place, platform: 'linux', isPackaged: false })!)).toBe(
      true,
    )
    // macOS shows the bundle's icon.icns and ignores a window's icon.
    expect(windowIconPath({ ...place, platform: 'darwin' })).toBeUndefined()
  })
})

describe('the icon files', () => {
  it('has a PNG of each size in the Linux icon set, each as large as its name says', () => {
    const dir = at(builderConfig.linux.icon)
    expect(readdirSync(dir).sort()).toEqual(PNG_SIZES.map((size) => `${size}x${size}.png`).sort())
    for (const size of PNG_SIZES) {
      expect(pngSize(readFileSync(join(dir, `${size}x${size}.png`)))).toEqual({
        width: size,
        height: size,
      })
    }
    expect(pngSize(readFileSync(at(join(resources, 'icon.png'))))).toEqual({
      width: 1024,
      height: 1024,
    })
  })

  it('has an .ico whose images are the sizes its directory claims (256 px as PNG)', () => {
    const entries = readIco(readFileSync(at(builderConfig.win.icon)))
    expect(entries.map((entry) => entry.claimed)).toEqual([...ICO_SIZES])
    for (const entry of entries) {
      expect([entry.width, entry.height]).toEqual([entry.claimed, entry.claimed])
      expect(entry.format).toBe(entry.claimed === 256 ? 'png' : 'bmp')
    }
  })

  it('has an .icns whose PNG chunks are the sizes their types stand for', () => {
    const chunks = readIcns(readFileSync(at(builderConfig.mac.icon)))
    expect(chunks).toEqual(
      ICNS_TYPES.map(({ type, size }) => ({ type, width: size, height: size })),
    )
  })

  it('matches icon.svg: run `npm run icons` after editing it', () => {
    const svg = readFileSync(at(join(resources, 'icon.svg')), 'utf8')
    for (const size of PNG_SIZES) {
      const expected = renderIcon(svg, size).rgba
      const committed = readFileSync(at(join(resources, 'icons', `${size}x${size}.png`)))
      // The committed PNG decoded by drawing it 1:1 (resvg decodes PNG); a channel may differ by
      // a rounding step, as the rasterizer's arithmetic may on another processor.
      const wrapper = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><image width="${size}" height="${size}" href="data:image/png;base64,${committed.toString('base64')}"/></svg>`
      const actual = new Resvg(wrapper, { font: { loadSystemFonts: false } }).render().pixels
      expect(actual.length, `${size}x${size}.png`).toBe(expected.length)
      let largest = 0
      for (let index = 0; index < actual.length; index++) {
        largest = Math.max(largest, Math.abs(actual[index]! - expected[index]!))
      }
      expect(largest, `${size}x${size}.png differs from icon.svg`).toBeLessThanOrEqual(3)
    }
  })

  it('is the renderer favicon', () => {
    const html = readFileSync(at('src/renderer/index.html'), 'utf8')
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1]
    expect(href).toBeDefined()
    expect(join(at('src/renderer'), href!)).toBe(at(join(resources, 'icon.svg')))
  })
})
