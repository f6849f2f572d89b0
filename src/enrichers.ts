export { appVersion, cleanUrl, locale, pageUrl, referrer, screenSize } from './enrichers/enrichers.js'
export type { UrlOptions } from './enrichers/enrichers.js'
export { redactSecretSegments } from './enrichers/secretSegments.js'
