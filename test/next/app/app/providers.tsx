'use client'
// The tracker lives in the browser: one per page load, sending to this app's own collector route.
import Link from 'next/link'
import { useState, type ReactNode } from 'react'
import { createTracker, TrackingProvider, useTracking } from 'trackplan'
import { pageUrl } from 'trackplan/enrichers'
import { httpSink } from 'trackplan/http'

declare global {
  interface Window {
    nextTest?: { flush(): Promise<unknown> }
  }
}

function Nav() {
  const { track } = useTracking()
  return (
    <nav>
      <Link href="/">Home</Link> <Link href="/todos/0">First todo</Link> <Link href="/todos/7">Missing todo</Link>
      <button onClick={() => track({ name: 'help_button.clicked' })}>Help</button>
    </nav>
  )
}

export function Providers({ children }: { children: ReactNode }) {
  const [tracker] = useState(() => {
    const created = createTracker({ sinks: [httpSink({ url: '/api/collect', batch: { intervalMs: 50 } })], enrich: [pageUrl()] })
    if (typeof window !== 'undefined') window.nextTest = { flush: () => created.flush({ timeoutMs: 3000 }) }
    return created
  })
  return (
    <TrackingProvider tracker={tracker}>
      <Nav />
      {children}
    </TrackingProvider>
  )
}
