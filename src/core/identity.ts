import type { KeyValueStorage } from './browserStorage.js'
import { createId } from './createId.js'

export interface Identity {
  anonymousId: string
  userId?: string | undefined
}

const KEY = 'trackplan:identity'

/** Longer ids are not ids: a stored one is discarded, and `identify()` refuses one. */
export const MAX_ID_LENGTH = 256

export const isId = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH

/** The stored identity, or a new anonymous one (stored at once); `anonymousId` forces the anonymous id. */
export function loadIdentity(storage: KeyValueStorage | undefined, anonymousId: string | undefined): Identity {
  let stored: Identity | undefined
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? 'null') as Identity | null
    if (isId(parsed?.anonymousId)) stored = parsed!
  } catch {
    // unreadable: start afresh
  }
  const identity: Identity = { anonymousId: anonymousId || stored?.anonymousId || createId() }
  if (isId(stored?.userId)) identity.userId = stored.userId
  saveIdentity(storage, identity)
  return identity
}

export function saveIdentity(storage: KeyValueStorage | undefined, identity: Identity): void {
  try {
    storage?.setItem(KEY, JSON.stringify(identity))
  } catch {
    // a full or blocked storage: the identity lives in memory for this page
  }
}
