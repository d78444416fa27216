import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App'
import { LibraryUpdateGate } from './components/LibraryUpdate'
import './styles.css'
import './pdfs.css'
import './subscriptions.css'
import './sync.css'
import './libraryUpdate.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LibraryUpdateGate>
      <App />
    </LibraryUpdateGate>
  </StrictMode>,
)
