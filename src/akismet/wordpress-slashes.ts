import type { AkismetForm } from './form.js'

// WordPress's XML-RPC endpoint as the plugin forwards $_SERVER['REQUEST_URI']: at the site's root or in its
// subdirectory, with or without a query (Jetpack's `?for=jetpack`).
const XMLRPC_ENDPOINT = /(?:^|\/)xmlrpc\.php(?:[?#]|$)/i

/**
 * Whether a check is the WordPress plugin's of a comment WordPress slashed ("C'est" as `C\'est`) before handing it
 * to wp_new_comment(), whose preprocess_comment filter is where the plugin checks it. The plugin's nonce field
 * (`akismet_comment_nonce`, sent with every check it builds) says the plugin built the call; where the comment
 * came from says whether it was slashed:
 * - the site's own form (`POST_comment`, or `POST__ajax_nonce-replyto-comment` for a reply written in wp-admin):
 *   wp_magic_quotes() slashes $_POST and wp_handle_comment_submission() slashes the comment again;
 * - XML-RPC (wp.newComment, and a pingback once its source page is read), which has no form fields: the plugin's
 *   forwarded REQUEST_URI names xmlrpc.php, whose server slashes the call's arguments. Not the plugin's own
 *   pre-check of a pingback (`akismet_pre_check`), which reads those arguments as sent;
 * - a trackback (`comment_type=trackback`): wp-trackback.php slashes what it passes on.
 * Its REST API comments, its rechecks and reports (the stored row, unslashed) and every other client send the
 * text as written, backslashes and all.
 */
export function isSlashedByWordPress(form: AkismetForm): boolean {
  if (form.get('akismet_comment_nonce') === undefined) return false
  if (form.get('POST_comment') !== undefined || form.get('POST__ajax_nonce-replyto-comment') !== undefined)
    return true
  if (form.get('comment_type') === 'trackback') return true
  return form.get('akismet_pre_check') === undefined && XMLRPC_ENDPOINT.test(form.get('REQUEST_URI') ?? '')
}

const BACKSLASH = 0x5c
const ZERO = 0x30
/** Code units turned back into text at a time: few enough to pass as arguments. */
const CHUNK = 8192

/**
 * PHP's stripslashes: each backslash goes and the character after it stays; `\0` was a NUL, which is dropped. One
 * pass over the code units: a replacement with a callback per backslash took 400 ms for a megabyte of `\0`.
 * Values come well formed (form.ts), and dropping a backslash or a `0` cannot split a surrogate pair.
 */
function stripSlashes(value: string): string {
  if (!value.includes('\\')) return value
  const units = new Uint16Array(value.length)
  let length = 0
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at)
    if (code !== BACKSLASH) units[length++] = code
    else if (++at < value.length) {
      const next = value.charCodeAt(at)
      if (next !== ZERO) units[length++] = next
    }
  }
  let stripped = ''
  for (let from = 0; from < length; from += CHUNK)
    stripped += String.fromCharCode(...units.subarray(from, Math.min(from + CHUNK, length)))
  return stripped
}

/** The parameters as the reader wrote them, each stripped once, when first read. */
export function unslashed(form: AkismetForm): AkismetForm {
  const stripped = new Map<string, string[]>()
  const list = (name: string) => {
    let values = stripped.get(name)
    if (!values) {
      values = form.list(name).map(stripSlashes)
      stripped.set(name, values)
    }
    return values
  }
  return {
    get: (name) => list(name)[0],
    list,
    toRecord: () =>
      Object.fromEntries(
        Object.entries(form.toRecord()).map(([name, value]) => [
          name,
          Array.isArray(value) ? list(name) : (list(name)[0] as string),
        ]),
      ),
  }
}
