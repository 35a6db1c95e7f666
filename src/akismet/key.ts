import type { SiteRow } from '../db/schema.js'
import type { Directory } from '../sites/directory.js'
import type { AkismetForm } from './form.js'

// Server keys are 12 hex digits (those issued before, 12 lowercase letters and digits); clients that put the key
// in the host name lower-case it.
const KEY_LABEL = /^[a-z0-9]{12}$/

/**
 * The API keys of an Akismet call, in the order they are tried: the `api_key` parameter, then the legacy `key`,
 * or else the first label of the Host header (`KEY.vigil.example:8080`, as `akismet-api` sends it). Both
 * parameters count because the WordPress plugin sends two keys to verify-key while a site switches: the key
 * being entered in `key`, and the one it has stored (Akismet's, unknown here) appended as `api_key`.
 *
 * A call about a key (`aboutKey`: verify-key, get-subscription) asks about the one in `key` when it has one, and
 * only that one: the plugin's stored key in `api_key` must not vouch for a mistyped replacement.
 */
export function akismetKeysOf(
  form: AkismetForm,
  host: string | undefined,
  { aboutKey = false }: { aboutKey?: boolean } = {},
): string[] {
  const asked = aboutKey ? form.get('key')?.trim() : undefined
  if (asked) return [asked]
  const fromForm = [form.get('api_key'), form.get('key')]
    .map((key) => key?.trim())
    .filter((key): key is string => Boolean(key))
  if (fromForm.length > 0) return [...new Set(fromForm)]
  const label = host?.split('.')[0]?.toLowerCase()
  return label && host?.includes('.') && KEY_LABEL.test(label) ? [label] : []
}

export type AkismetCaller = { site: SiteRow; keyId: string }

/** The site whose server key this is, or null for an unknown, revoked or non-server key. */
export async function akismetCallerFor(
  directory: Directory,
  key: string | null,
): Promise<AkismetCaller | null> {
  if (!key) return null
  const row = await directory.keyByToken(key.toLowerCase())
  if (row?.role !== 'server' || !row.siteId) return null
  const site = await directory.site(row.siteId)
  return site ? { site, keyId: row.id } : null
}
