// The collector as a route handler: events from the browser and from the Server Action land here.
import { createCollector, jsonlFile } from 'trackplan/collector'

const collector = createCollector({ store: jsonlFile(process.env.TRACKPLAN_EVENTS_FILE ?? '.trackplan/events.jsonl') })

export const POST = (request: Request): Promise<Response> => collector.handle(request, { address: request.headers.get('x-forwarded-for') ?? undefined })
