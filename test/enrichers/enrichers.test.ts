import { createTracker, memorySink } from 'trackplan/core'
import { appVersion, cleanUrl, locale, pageUrl, referrer, screenSize } from 'trackplan/enrichers'
import { expect, it } from 'vitest'

it('page URLs lose their query string and hash by default; keepQuery keeps named parameters', () => {
  expect(cleanUrl('https://app.example.com/reset?token=abc&email=a@b.c#top')).toBe('https://app.example.com/reset')
  expect(cleanUrl('https://x.test/p?utm_source=news&token=abc', { keepQuery: ['utm_source'] })).toBe('https://x.test/p?utm_source=news')
  expect(cleanUrl('https://x.test/p?a=1', { keepQuery: true })).toBe('https://x.test/p?a=1')
  expect(cleanUrl('not a url')).toBe('')
})

it('the built-in enrichers fill context from the browser', () => {
  window.history.pushState({}, '', '/settings/users?invite=secret-token')
  document.title = 'Users'
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', context: { app: { name: 'web' } }, enrich: [appVersion('1.4.0'), locale(), screenSize(), pageUrl(), referrer()] })
  tracker.track({ name: 'invite.sent' })
  const context = sink.events[0]!.context
  expect(context).toMatchObject({
    app: { name: 'web', version: '1.4.0' },
    locale: navigator.language,
    screen: { width: expect.any(Number), height: expect.any(Number), density: expect.any(Number) },
    url: { href: 'http://localhost:3000/settings/users', path: '/settings/users', title: 'Users' },
  })
  expect(JSON.stringify(context)).not.toContain('secret-token')
  expect('referrer' in context).toBe(false)
})

it('enrichers reuse what they made while the page stays the same, and follow every change', () => {
  window.history.pushState({}, '', '/a')
  document.title = 'A'
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', context: { app: { name: 'web' } }, enrich: [appVersion('1.4.0'), pageUrl(), screenSize()] })
  tracker.track({ name: 'one.clicked' })
  tracker.track({ name: 'two.clicked' })
  document.title = 'A (1)'
  tracker.track({ name: 'three.clicked' })
  window.history.pushState({}, '', '/b?token=x')
  tracker.track({ name: 'four.clicked' })
  const urls = sink.events.map((event) => event.context.url)
  expect(urls).toEqual([
    { href: 'http://localhost:3000/a', path: '/a', title: 'A' },
    { href: 'http://localhost:3000/a', path: '/a', title: 'A' },
    { href: 'http://localhost:3000/a', path: '/a', title: 'A (1)' },
    { href: 'http://localhost:3000/b', path: '/b', title: 'A (1)' },
  ])
  expect(sink.events.map((event) => event.context.app)).toEqual(Array(4).fill({ name: 'web', version: '1.4.0' }))
  // Each event has a context object of its own: changing one (a sink that mutates) leaves the others alone.
  ;(sink.events[0]!.context as Record<string, unknown>).extra = true
  expect('extra' in sink.events[1]!.context).toBe(false)
})

it('the page title is read again after any change to <head>, at once, and on every event when the <title> is in the body', () => {
  document.title = 'A'
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', enrich: [pageUrl()] })
  const titles: string[] = []
  const track = () => {
    tracker.track({ name: 'x.clicked' })
    titles.push((sink.events.at(-1)!.context.url as { title: string }).title)
  }
  track()
  document.querySelector('title')!.firstChild!.textContent = 'B'
  track()
  // A library (React 19, a head manager) swaps the element for a new one.
  const next = document.createElement('title')
  next.textContent = 'C'
  document.querySelector('title')!.replaceWith(next)
  track()
  // A <title> outside <head>: nothing watches the body, so it is read for every event.
  next.remove()
  const inBody = document.createElement('title')
  inBody.textContent = 'D'
  document.body.append(inBody)
  track()
  inBody.textContent = 'E'
  track()
  inBody.remove()
  expect(titles).toEqual(['A', 'B', 'C', 'D', 'E'])
})
