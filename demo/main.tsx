import { RouterProvider } from '@tanstack/react-router'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { TrackingProvider } from 'trackplan'
import { TrackingDevtools } from 'trackplan/devtools'
import { router } from './routes'
import { tracker } from './tracker'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrackingProvider tracker={tracker}>
      <RouterProvider router={router} />
      <TrackingDevtools />
    </TrackingProvider>
  </StrictMode>,
)
