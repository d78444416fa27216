import { useEffect, useState } from 'react'
import { call } from '../../api'

/** An area annotation's picture as an object URL while the caller is mounted; null until loaded. */
export function useAreaPicture(id: number): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let mounted = true
    let made: string | null = null
    call('annotations:image', { id })
      .then((bytes) => {
        if (!mounted || !bytes) return
        made = URL.createObjectURL(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
        )
        setUrl(made)
      })
      // The row says what the area is without its picture.
      .catch(() => {})
    return () => {
      mounted = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [id])
  return url
}
