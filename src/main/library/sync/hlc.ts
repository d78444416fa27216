/**
 * Hybrid logical clocks (Kulkarni et al.): a timestamp that follows the wall clock but never goes
 * back and always moves past every timestamp this device has seen. So a device whose clock is a
 * day ahead wins only until another device has read its changes: that device's next change is
 * later still. Written as a string that sorts in time order:
 * `<wall ms, 15 digits>.<counter, 6 digits>.<device id>` (the device breaks ties, so no two
 * devices ever issue the same timestamp).
 */
export type Hlc = string

export const DEVICE_ID = /^[a-z0-9]{16}$/
export const HLC = /^\d{15}\.\d{6}\.[a-z0-9]{16}$/

const MAX_COUNTER = 999_999

export interface HlcParts {
  wall: number
  counter: number
  device: string
}

export function formatHlc({ wall, counter, device }: HlcParts): Hlc {
  return `${String(wall).padStart(15, '0')}.${String(counter).padStart(6, '0')}.${device}`
}

export function parseHlc(hlc: Hlc): HlcParts {
  if (!HLC.test(hlc)) throw new Error(`not a hybrid clock timestamp: ${hlc.slice(0, 60)}`)
  const [wall, counter, device] = hlc.split('.') as [string, string, string]
  return { wall: Number(wall), counter: Number(counter), device }
}

/** The wall-clock milliseconds of a timestamp (for display and history times). */
export const hlcWall = (hlc: Hlc): number => Number(hlc.slice(0, 15))

/** The larger of two timestamps, either may be absent. */
export function maxHlc(a: Hlc | null, b: Hlc | null): Hlc | null {
  if (a === null) return b
  if (b === null) return a
  return a > b ? a : b
}

export interface HybridClock {
  /** A new timestamp for a local change: after everything issued or seen. */
  tick(): Hlc
  /** Moves the clock past a timestamp read from another device. */
  receive(remote: Hlc): void
  /** The last timestamp issued or seen (to persist), null before the first. */
  last(): Hlc | null
}

/** A clock for `device`, continuing from `last` (persisted), reading the wall clock from `now`. */
export function createHybridClock(
  device: string,
  now: () => number,
  last: Hlc | null = null,
): HybridClock {
  let state: HlcParts | null = last === null ? null : parseHlc(last)
  let lastSeen: Hlc | null = last
  return {
    tick() {
      const wall = now()
      if (state === null || wall > state.wall) state = { wall, counter: 0, device }
      else if (state.counter < MAX_COUNTER) state = { ...state, counter: state.counter + 1, device }
      else state = { wall: state.wall + 1, counter: 0, device }
      lastSeen = formatHlc(state)
      return lastSeen
    },
    receive(remote) {
      const parts = parseHlc(remote)
      if (
        state === null ||
        parts.wall > state.wall ||
        (parts.wall === state.wall && parts.counter > state.counter)
      ) {
        state = { wall: parts.wall, counter: parts.counter, device }
      }
      lastSeen = maxHlc(lastSeen, remote)
    },
    last: () => lastSeen,
  }
}
