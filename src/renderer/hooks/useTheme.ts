import { useEffect, useState } from 'react'
import { useStore } from '../store'
import { prefersDark } from '../store/ui.slice'

/** Applies the chosen theme, following the system while the choice is "system". */
export function useTheme(): 'light' | 'dark' {
  const choice = useStore((s) => s.theme)
  const [systemDark, setSystemDark] = useState(prefersDark)
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    const update = () => setSystemDark(query.matches)
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  const theme = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  return theme
}
