import { browserLifecycle } from 'trackplan/http'
import { afterEach, expect, it, vi } from 'vitest'

let visibility: DocumentVisibilityState = 'visible'
afterEach(() => {
  visibility = 'visible'
  vi.restoreAllMocks()
})

it('hears the page being hidden, unloaded, shown again and back online; stops hearing once unsubscribed', () => {
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility)
  const heard: string[] = []
  const stop = browserLifecycle.listen({ leaving: (how) => heard.push(`leaving:${how}`), resumed: () => heard.push('resumed') })
  visibility = 'hidden'
  document.dispatchEvent(new Event('visibilitychange'))
  window.dispatchEvent(new Event('pagehide'))
  visibility = 'visible'
  window.dispatchEvent(new Event('pageshow'))
  document.dispatchEvent(new Event('visibilitychange'))
  window.dispatchEvent(new Event('online'))
  stop()
  window.dispatchEvent(new Event('online'))
  expect(heard).toEqual(['leaving:hidden', 'leaving:pagehide', 'resumed', 'resumed', 'resumed'])
})

it('reads navigator.onLine', () => {
  const online = vi.spyOn(navigator, 'onLine', 'get')
  online.mockReturnValue(false)
  expect(browserLifecycle.isOnline()).toBe(false)
  online.mockReturnValue(true)
  expect(browserLifecycle.isOnline()).toBe(true)
})
