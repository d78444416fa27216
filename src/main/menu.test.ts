import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { menuTemplate, type MenuOptions } from './menu'

function menu(overrides: Partial<Pick<MenuOptions, 'isMac' | 'isDev'>> = {}) {
  const options = {
    isMac: false,
    isDev: false,
    importDigest: vi.fn(),
    exportLibrary: vi.fn(),
    backUp: vi.fn(),
    restore: vi.fn(),
    sendCommand: vi.fn(),
    ...overrides,
  }
  return { options, template: menuTemplate(options) }
}

/** Every item of the menu, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ])
}

function item(template: MenuItemConstructorOptions[], label: string) {
  const found = items(template).find((candidate) => candidate.label === label)
  if (!found) throw new Error(`no menu item "${label}"`)
  return found
}

function click(entry: MenuItemConstructorOptions) {
  ;(entry.click as () => void)()
}

it('imports digests from File with Ctrl/Cmd+O', () => {
  const { options, template } = menu()
  const importItem = item(template, 'Import Digest…')
  expect(importItem.accelerator).toBe('CmdOrCtrl+O')
  click(importItem)
  expect(options.importDigest).toHaveBeenCalledOnce()
})

it('attaches a PDF to the paper shown from File, in the window (Shift+A)', () => {
  const { options, template } = menu()
  const attach = item(template, 'Attach PDF…')
  const file = template.find((entry) => entry.label === '&File')!
  expect(file.submenu as MenuItemConstructorOptions[]).toContain(attach)
  expect(attach).toMatchObject({ accelerator: 'Shift+A', registerAccelerator: false })
  click(attach)
  expect(options.sendCommand.mock.calls).toEqual([['attachPdf']])
  expect(options.importDigest).not.toHaveBeenCalled()
})

it('exports as Markdown, JSON, CSV or BibTeX from File › Export', () => {
  const { options, template } = menu()
  const file = template.find((entry) => entry.label === '&File')!
  const exportMenu = item(file.submenu as MenuItemConstructorOptions[], 'Export')
  const labels = (exportMenu.submenu as MenuItemConstructorOptions[]).map((entry) => entry.label)
  expect(labels).toEqual(['Markdown…', 'JSON…', 'CSV…', 'BibTeX…'])
  for (const label of labels) click(item(template, label!))
  expect(options.exportLibrary.mock.calls).toEqual([['markdown'], ['json'], ['csv'], ['bibtex']])
})

it('exports the PDF of the paper shown with its annotations from File, in the window (Shift+E)', () => {
  const { options, template } = menu()
  const exportPdf = item(template, 'Export PDF with Annotations…')
  const file = template.find((entry) => entry.label === '&File')!
  expect(file.submenu as MenuItemConstructorOptions[]).toContain(exportPdf)
  expect(exportPdf).toMatchObject({ accelerator: 'Shift+E', registerAccelerator: false })
  click(exportPdf)
  expect(options.sendCommand.mock.calls).toEqual([['exportAnnotatedPdf']])
  expect(options.exportLibrary).not.toHaveBeenCalled()
})

it('shows the subscriptions and fetches now from File, in the window (Shift+F, Shift+U)', () => {
  const { options, template } = menu()
  const file = template.find((entry) => entry.label === '&File')!
  const subscriptions = item(template, 'Subscriptions…')
  const fetchNow = item(template, 'Fetch Now')
  expect(file.submenu as MenuItemConstructorOptions[]).toEqual(
    expect.arrayContaining([subscriptions, fetchNow]),
  )
  expect(subscriptions).toMatchObject({ accelerator: 'Shift+F', registerAccelerator: false })
  expect(fetchNow).toMatchObject({ accelerator: 'Shift+U', registerAccelerator: false })
  click(subscriptions)
  click(fetchNow)
  expect(options.sendCommand.mock.calls).toEqual([['showSubscriptions'], ['fetchNow']])
})

it('opens Settings (Ctrl/Cmd+,) and the sync conflicts (Shift+C) from File, in the window', () => {
  const { options, template } = menu()
  const file = template.find((entry) => entry.label === '&File')!
  const settings = item(template, 'Settings…')
  const conflicts = item(template, 'Sync Conflicts…')
  expect(file.submenu as MenuItemConstructorOptions[]).toEqual(
    expect.arrayContaining([settings, conflicts]),
  )
  // A modifier key: registered, so it works while typing in a field too.
  expect(settings.accelerator).toBe('CmdOrCtrl+,')
  expect(settings.registerAccelerator).not.toBe(false)
  expect(conflicts).toMatchObject({ accelerator: 'Shift+C', registerAccelerator: false })
  click(settings)
  click(conflicts)
  expect(options.sendCommand.mock.calls).toEqual([['showSyncSettings'], ['showConflicts']])
})

it('backs up and restores the library from File', () => {
  const { options, template } = menu()
  click(item(template, 'Back Up Library…'))
  click(item(template, 'Restore from Backup…'))
  expect(options.backUp).toHaveBeenCalledOnce()
  expect(options.restore).toHaveBeenCalledOnce()
})

it('sends the theme, search and shortcuts commands to the window', () => {
  const { options, template } = menu()
  click(item(template, 'Toggle Theme'))
  click(item(template, 'Search Papers'))
  click(item(template, 'Keyboard Shortcuts'))
  expect(options.sendCommand.mock.calls).toEqual([
    ['toggleTheme'],
    ['focusSearch'],
    ['showShortcuts'],
  ])
})

it('shows single-key shortcuts without taking the key from text fields', () => {
  const { template } = menu()
  expect(item(template, 'Keyboard Shortcuts')).toMatchObject({
    accelerator: '?',
    registerAccelerator: false,
  })
  expect(item(template, 'Toggle Theme')).toMatchObject({
    accelerator: 'Shift+T',
    registerAccelerator: false,
  })
})

describe('roles', () => {
  const roles = (template: MenuItemConstructorOptions[]) =>
    items(template).flatMap((entry) => (entry.role ? [entry.role] : []))

  it('offers editing, zoom and quit everywhere', () => {
    expect(roles(menu().template)).toEqual(
      expect.arrayContaining(['undo', 'copy', 'paste', 'resetZoom', 'zoomIn', 'zoomOut', 'quit']),
    )
  })

  it('keeps reload and developer tools to development', () => {
    expect(roles(menu().template)).not.toContain('toggleDevTools')
    expect(roles(menu().template)).not.toContain('reload')
    expect(roles(menu({ isDev: true }).template)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    )
  })

  it('follows macOS: an app menu, and File closes the window', () => {
    const mac = roles(menu({ isMac: true }).template)
    expect(mac[0]).toBe('appMenu')
    expect(mac).toContain('close')
    expect(mac).not.toContain('quit')
  })
})
