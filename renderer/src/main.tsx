import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyTheme } from './shell/theme'
import './styles.css'

// Before the first paint, so a dark system never flashes light while settings load.
applyTheme(window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
