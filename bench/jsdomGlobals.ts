// A jsdom window as the globals React DOM needs, for benchmarks that mount components in Node.
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', { url: 'http://localhost/' })
const { window } = dom
for (const name of ['window', 'document', 'HTMLElement', 'Node', 'Event', 'MouseEvent', 'localStorage', 'sessionStorage', 'location']) {
  Object.defineProperty(globalThis, name, { configurable: true, writable: true, value: name === 'window' ? window : window[name as keyof typeof window] })
}
if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { configurable: true, value: window.navigator })
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false
