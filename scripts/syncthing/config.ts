/**
 * The whole config.xml of one Syncthing instance, written before its first start (GUIDE.md,
 * "Known traps"): it only ever talks to its peer at a static loopback address. Every option is
 * spelled out, because what a hand-written config leaves out is zero, not Syncthing's default
 * (a `<folder>` without `maxConflicts` silently drops the losing copy of a conflict; missing
 * `<options>` turn discovery and relays back on).
 */

export interface SyncthingDevice {
  /** The long device id `syncthing serve --device-id` prints. */
  id: string
  name: string
  /** The port it listens on for its peer, on 127.0.0.1. */
  listenPort: number
}

export interface SyncthingConfig {
  self: SyncthingDevice
  peer: SyncthingDevice
  /** The GUI/REST port on 127.0.0.1 and the key the REST calls carry. */
  guiPort: number
  apiKey: string
  folder: { id: string; label: string; path: string }
}

/** The folder's settings; the test reads them back from /rest/config to see they took. */
export const FOLDER_OPTIONS = {
  rescanIntervalS: 10,
  fsWatcherEnabled: true,
  fsWatcherDelayS: 1,
  maxConflicts: 10,
} as const

const LOOPBACK = '127.0.0.1'

export function loopbackAddress(port: number): string {
  return `tcp://${LOOPBACK}:${port}`
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function deviceElement(device: SyncthingDevice): string {
  return `    <device id="${escapeXml(device.id)}" name="${escapeXml(device.name)}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>${loopbackAddress(device.listenPort)}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
        <maxSendKbps>0</maxSendKbps>
        <maxRecvKbps>0</maxRecvKbps>
        <maxRequestKiB>0</maxRequestKiB>
        <untrusted>false</untrusted>
        <remoteGUIPort>0</remoteGUIPort>
    </device>`
}

export function syncthingConfigXml(config: SyncthingConfig): string {
  const { self, peer, folder } = config
  const folderDevice = (id: string) =>
    `        <device id="${escapeXml(id)}" introducedBy=""><encryptionPassword></encryptionPassword></device>`
  return `<configuration version="36">
    <folder id="${escapeXml(folder.id)}" label="${escapeXml(folder.label)}" path="${escapeXml(folder.path)}" type="sendreceive" rescanIntervalS="${FOLDER_OPTIONS.rescanIntervalS}" fsWatcherEnabled="${FOLDER_OPTIONS.fsWatcherEnabled}" fsWatcherDelayS="${FOLDER_OPTIONS.fsWatcherDelayS}" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
${folderDevice(self.id)}
${folderDevice(peer.id)}
        <minDiskFree unit="%">1</minDiskFree>
        <versioning>
            <cleanupIntervalS>3600</cleanupIntervalS>
            <fsPath></fsPath>
            <fsType>basic</fsType>
        </versioning>
        <copiers>0</copiers>
        <pullerMaxPendingKiB>0</pullerMaxPendingKiB>
        <hashers>0</hashers>
        <order>random</order>
        <ignoreDelete>false</ignoreDelete>
        <scanProgressIntervalS>0</scanProgressIntervalS>
        <pullerPauseS>0</pullerPauseS>
        <maxConflicts>${FOLDER_OPTIONS.maxConflicts}</maxConflicts>
        <disableSparseFiles>false</disableSparseFiles>
        <disableTempIndexes>false</disableTempIndexes>
        <paused>false</paused>
        <weakHashThresholdPct>25</weakHashThresholdPct>
        <markerName>.stfolder</markerName>
        <copyOwnershipFromParent>false</copyOwnershipFromParent>
        <modTimeWindowS>0</modTimeWindowS>
        <maxConcurrentWrites>2</maxConcurrentWrites>
        <disableFsync>false</disableFsync>
        <blockPullOrder>standard</blockPullOrder>
        <copyRangeMethod>standard</copyRangeMethod>
        <caseSensitiveFS>false</caseSensitiveFS>
        <junctionsAsDirs>false</junctionsAsDirs>
    </folder>
${deviceElement(self)}
${deviceElement(peer)}
    <gui enabled="true" tls="false" debugging="false">
        <address>${LOOPBACK}:${config.guiPort}</address>
        <apikey>${escapeXml(config.apiKey)}</apikey>
        <theme>default</theme>
    </gui>
    <ldap></ldap>
    <options>
        <listenAddress>${loopbackAddress(self.listenPort)}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <localAnnouncePort>0</localAnnouncePort>
        <localAnnounceMCAddr></localAnnounceMCAddr>
        <maxSendKbps>0</maxSendKbps>
        <maxRecvKbps>0</maxRecvKbps>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <relaysEnabled>false</relaysEnabled>
        <relayReconnectIntervalM>10</relayReconnectIntervalM>
        <startBrowser>false</startBrowser>
        <natEnabled>false</natEnabled>
        <natLeaseMinutes>60</natLeaseMinutes>
        <natRenewalMinutes>30</natRenewalMinutes>
        <natTimeoutSeconds>10</natTimeoutSeconds>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <urUniqueID></urUniqueID>
        <urURL></urURL>
        <urPostInsecurely>false</urPostInsecurely>
        <urInitialDelayS>1800</urInitialDelayS>
        <restartOnWakeup>false</restartOnWakeup>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <upgradeToPreReleases>false</upgradeToPreReleases>
        <keepTemporariesH>24</keepTemporariesH>
        <cacheIgnoredFiles>false</cacheIgnoredFiles>
        <progressUpdateIntervalS>5</progressUpdateIntervalS>
        <limitBandwidthInLan>false</limitBandwidthInLan>
        <minHomeDiskFree unit="%">1</minHomeDiskFree>
        <releasesURL></releasesURL>
        <overwriteRemoteDeviceNamesOnConnect>false</overwriteRemoteDeviceNamesOnConnect>
        <tempIndexMinBlocks>10</tempIndexMinBlocks>
        <trafficClass>0</trafficClass>
        <setLowPriority>false</setLowPriority>
        <maxFolderConcurrency>0</maxFolderConcurrency>
        <crashReportingURL></crashReportingURL>
        <crashReportingEnabled>false</crashReportingEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <stunServer></stunServer>
        <databaseTuning>auto</databaseTuning>
        <maxConcurrentIncomingRequestKiB>0</maxConcurrentIncomingRequestKiB>
        <announceLANAddresses>false</announceLANAddresses>
        <sendFullIndexOnUpgrade>false</sendFullIndexOnUpgrade>
        <connectionLimitEnough>0</connectionLimitEnough>
        <connectionLimitMax>0</connectionLimitMax>
        <insecureAllowOldTLSVersions>false</insecureAllowOldTLSVersions>
    </options>
</configuration>
`
}
