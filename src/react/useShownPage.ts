import { useEffect } from 'react'
import type { PageContext } from '../core.js'
import type { TrackingScope } from './TrackingContext.js'

/** While mounted, `page` is the page shown, for what the layout around the pages tracks; the one before it again once it goes. */
export function useShownPage(shown: TrackingScope['shown'], page: PageContext): void {
  useEffect(() => {
    if (!shown) return
    const before = shown.page
    shown.page = page
    return () => {
      if (shown.page === page) shown.page = before
    }
  }, [shown, page])
}
