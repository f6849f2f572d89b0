// The Lightdash-style app in a real page, sending to this origin's Segment-compatible collector.
import { createRoot } from 'react-dom/client'
import { LightdashStyleApp, lightdashTracker } from '../destinations/lightdashApp'

const tracker = lightdashTracker(location.origin)
createRoot(document.getElementById('root')!).render(<LightdashStyleApp tracker={tracker} />)

declare global {
  interface Window {
    lightdashTest: { flush(): Promise<unknown> }
  }
}
window.lightdashTest = { flush: () => tracker.flush({ timeoutMs: 3000 }) }
