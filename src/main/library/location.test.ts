import { expect, it } from 'vitest'
import { appDataLibraryDir, resolveLibraryDir } from './location'

it("finds the desktop app's data folder on each platform, as Electron's userData does", () => {
  expect(appDataLibraryDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Margin')
  expect(appDataLibraryDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ada')).toBe('/cfg/Margin')
  expect(appDataLibraryDir({}, 'darwin', '/Users/ada')).toBe(
    '/Users/ada/Library/Application Support/Margin',
  )
  expect(
    appDataLibraryDir({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32', 'C:/Users/ada'),
  ).toMatch(/AppData[\\/]Roaming[\\/]Margin$/)
})

it('lets --library win over MARGIN_LIBRARY', () => {
  expect(resolveLibraryDir('/flag', { MARGIN_LIBRARY: '/env' })).toBe('/flag')
  expect(resolveLibraryDir(undefined, { MARGIN_LIBRARY: '/env' })).toBe('/env')
})
