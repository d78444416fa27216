/** Only web pages open in the system browser; every other scheme, and anything unparsable, is refused. */
export function isSafeExternalUrl(candidate: string): boolean {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
}
