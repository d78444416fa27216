import { describe, expect, it } from 'vitest'
import { cloudSyncService, cloudSyncWarning } from './cloudSync'

const noSyncthing = () => false

describe('cloudSyncService', () => {
  it.each([
    ['/home/ada/Dropbox/margin', 'Dropbox'],
    ['/home/ada/Dropbox (Lab)/margin', 'Dropbox'],
    ['/Users/ada/Library/CloudStorage/Dropbox/margin', 'Dropbox'],
    ['C:\\Users\\ada\\OneDrive\\Margin', 'OneDrive'],
    ['C:\\Users\\ada\\OneDrive - University\\Margin', 'OneDrive'],
    ['/Users/ada/Library/CloudStorage/OneDrive-Personal/Margin', 'OneDrive'],
    ['/Users/ada/Library/CloudStorage/GoogleDrive-ada@example.org/My Drive/Margin', 'Google Drive'],
    ['G:\\My Drive\\Margin', 'Google Drive'],
    ['/Users/ada/Library/Mobile Documents/com~apple~CloudDocs/Margin', 'iCloud Drive'],
    ['/home/ada/.config/Margin', null],
    ['C:\\Users\\ada\\AppData\\Roaming\\Margin', null],
    ['/home/ada/Dropboxes/margin', null],
  ])('%s → %s', (dir, service) => {
    expect(cloudSyncService(dir, noSyncthing)).toBe(service)
  })

  it('finds a Syncthing folder by the .stfolder in it or an ancestor', () => {
    const marked = (folder: string) => folder === '/home/ada/Sync'
    expect(cloudSyncService('/home/ada/Sync/papers/margin', marked)).toBe('Syncthing')
    expect(cloudSyncService('/home/ada/Other/margin', marked)).toBeNull()
  })

  it('explains the risk and offers backups and exports instead', () => {
    const warning = cloudSyncWarning('/home/ada/Dropbox/margin', 'Dropbox')!
    expect(warning).toContain('in a Dropbox folder (/home/ada/Dropbox/margin)')
    expect(warning).toContain('damaged')
    expect(warning).toContain('margin backup --out FILE')
    expect(cloudSyncWarning('/home/ada/.config/Margin', null)).toBeNull()
  })
})
