import { consoleSink, createTracker } from 'trackplan/core'
import { expect, it, vi } from 'vitest'

function spyConsole() {
  return {
    group: vi.spyOn(console, 'groupCollapsed').mockImplementation(() => {}),
    log: vi.spyOn(console, 'log').mockImplementation(() => {}),
    end: vi.spyOn(console, 'groupEnd').mockImplementation(() => {}),
  }
}

it('prints one collapsed group per event with its place and properties', () => {
  const { group, log, end } = spyConsole()
  const tracker = createTracker({ sinks: [consoleSink()], logLevel: 'warn' })
  tracker.track(
    { name: 'run_query_button.click', properties: { rows: 3 } },
    { page: { name: 'explore', type: 'page' }, section: { name: 'footer', path: ['main', 'footer'] } },
  )
  expect(group).toHaveBeenCalledWith('[trackplan] track run_query_button.click  (page explore / main › footer)')
  expect(log).toHaveBeenCalledWith('properties', { rows: 3 })
  expect(log).toHaveBeenCalledTimes(1)
  expect(end).toHaveBeenCalledTimes(1)
})

it('adds the whole envelope at debug, and prints nothing at silent', () => {
  const { group, log } = spyConsole()
  vi.spyOn(console, 'debug').mockImplementation(() => {})
  createTracker({ sinks: [consoleSink()], logLevel: 'debug' }).page({ name: 'settings', type: 'modal' })
  expect(group).toHaveBeenCalledWith('[trackplan] page settings  (modal settings)')
  expect(log).toHaveBeenCalledWith('envelope', expect.objectContaining({ type: 'page', name: 'settings' }))
  group.mockClear()
  createTracker({ sinks: [consoleSink()], logLevel: 'silent' }).track({ name: 'query.run' })
  createTracker({ sinks: [consoleSink({ logLevel: 'silent' })], logLevel: 'debug' }).track({ name: 'query.run' })
  expect(group).not.toHaveBeenCalled()
})
