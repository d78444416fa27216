// The icon containers Windows and macOS want, written from rendered images, and the readers the
// packaging test uses to check what they hold. Both formats are small and fixed:
// - ICO: a directory of entries, the 256 px one a PNG and the smaller ones 32-bit BMPs (the
//   layout Windows' own tools write, which every Windows reader and NSIS accept).
// - ICNS: big-endian chunks (type, length, data); the ic07-ic14, icp4 and icp5 types hold PNGs.

/** The PNG sizes written to resources/icons/ (electron-builder's Linux icon set: NxN.png). */
export const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const

/** The sizes in icon.ico: Explorer's small, medium, large and extra-large views. */
export const ICO_SIZES = [16, 32, 48, 64, 128, 256] as const

/** The ICNS types written, each a PNG of the given pixel size (@2x types count real pixels). */
export const ICNS_TYPES: readonly { type: string; size: number }[] = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic10', size: 1024 }, // 512@2x
]

/** One rendered square image: its PNG and its raw RGBA pixels, rows top to bottom. */
export interface IconImage {
  size: number
  png: Buffer
  rgba: Buffer
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The width and height in a PNG's IHDR chunk; throws if `data` is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG file')
  }
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('a PNG without IHDR first')
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

/** A 32-bit BMP as an ICO entry holds it: the header, BGRA rows bottom-up, the AND mask. */
function icoBitmap({ size, rgba }: IconImage): Buffer {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0) // BITMAPINFOHEADER
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // colour rows plus mask rows
  header.writeUInt16LE(1, 12) // planes
  header.writeUInt16LE(32, 14) // bits per pixel
  const pixels = Buffer.alloc(size * size * 4)
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const from = ((size - 1 - row) * size + column) * 4
      const to = (row * size + column) * 4
      pixels[to] = rgba[from + 2]!
      pixels[to + 1] = rgba[from + 1]!
      pixels[to + 2] = rgba[from]!
      pixels[to + 3] = rgba[from + 3]!
    }
  }
  // All zero: the alpha channel decides transparency; each mask row pads to 32 bits.
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size)
  return Buffer.concat([header, pixels, mask])
}

/** An .ico file: the 256 px image as PNG, the smaller ones as BMP. */
export function icoFile(images: readonly IconImage[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  const bodies = images.map((image) => (image.size >= 256 ? image.png : icoBitmap(image)))
  let offset = 6 + 16 * images.length
  const entries = images.map((image, index) => {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(image.size >= 256 ? 0 : image.size, 0) // 0 means 256
    entry.writeUInt8(image.size >= 256 ? 0 : image.size, 1)
    entry.writeUInt16LE(1, 4) // planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(bodies[index]!.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += bodies[index]!.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...bodies])
}

export interface IcoEntry {
  /** The size the directory claims. */
  claimed: number
  /** The size of the image itself (PNG IHDR or BMP header). */
  width: number
  height: number
  format: 'png' | 'bmp'
}

/** The entries of an .ico file, as the directory claims them and as their images are. */
export function readIco(data: Buffer): IcoEntry[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO file')
  const count = data.readUInt16LE(4)
  return Array.from({ length: count }, (_, index) => {
    const at = 6 + 16 * index
    const claimed = data.readUInt8(at) || 256
    const length = data.readUInt32LE(at + 8)
    const body = data.subarray(data.readUInt32LE(at + 12), data.readUInt32LE(at + 12) + length)
    if (body.length !== length) throw new Error('an ICO entry runs past the end of the file')
    if (body.subarray(0, 8).equals(PNG_SIGNATURE))
      return { claimed, ...pngSize(body), format: 'png' }
    return { claimed, width: body.readInt32LE(4), height: body.readInt32LE(8) / 2, format: 'bmp' }
  })
}

/** An .icns file of PNG chunks, one per entry of ICNS_TYPES. */
export function icnsFile(pngOfSize: (size: number) => Buffer): Buffer {
  const chunks = ICNS_TYPES.map(({ type, size }) => {
    const png = pngOfSize(size)
    const header = Buffer.alloc(8)
    header.write(type, 0, 'latin1')
    header.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([header, png])
  })
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'latin1')
  header.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4)
  return Buffer.concat([header, ...chunks])
}

/** The chunks of an .icns file with the size of each chunk's PNG. */
export function readIcns(data: Buffer): { type: string; width: number; height: number }[] {
  if (data.toString('latin1', 0, 4) !== 'icns' || data.readUInt32BE(4) !== data.length) {
    throw new Error('not an ICNS file')
  }
  const chunks: { type: string; width: number; height: number }[] = []
  for (let at = 8; at < data.length;) {
    const type = data.toString('latin1', at, at + 4)
    const length = data.readUInt32BE(at + 4)
    if (length < 8 || at + length > data.length) throw new Error(`a bad ICNS chunk ${type}`)
    chunks.push({ type, ...pngSize(data.subarray(at + 8, at + length)) })
    at += length
  }
  return chunks
}
