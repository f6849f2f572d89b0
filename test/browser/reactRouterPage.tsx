// The react-router example app in a real page: a browser router, an httpSink to this origin's
// collector, StrictMode in development builds. The test drives it through the page's own links and
// buttons, and through `routerTest.navigate` for the browser's back button.
import { createRoot } from 'react-dom/client'
import { createBrowserRouter } from 'react-router'
import { createTracker } from '../../src/core.ts'
import { httpSink } from '../../src/http.ts'
import { App, routes } from '../reactRouter/exampleApp'

const tracker = createTracker({ sinks: [httpSink({ url: '/collect', storage: 'memory', batch: { intervalMs: 50 } })], identityStorage: false })
const router = createBrowserRouter(routes)
createRoot(document.getElementById('root')!).render(<App router={router} tracker={tracker} strict={process.env.NODE_ENV !== 'production'} />)

declare global {
  interface Window {
    routerTest: { flush(): Promise<unknown>; development: boolean }
  }
}
window.routerTest = { flush: () => tracker.flush({ timeoutMs: 3000 }), development: process.env.NODE_ENV !== 'production' }
