// One server tracker for the process, made when the module is first imported (next build imports it
// too, and must leave nothing behind). It sends to this app's own collector route.
import { createServerTracker, serverHttpSink } from 'trackplan/node'

export const serverTracker = createServerTracker({
  sinks: [serverHttpSink({ url: `http://127.0.0.1:${process.env.PORT ?? 3000}/api/collect` })],
})
