import type { AkismetForm } from './form.js'

/**
 * Whether a check is the WordPress plugin's of a comment from the site's own form, which arrives slashed ("C'est"
 * as `C\'est`): wp_magic_quotes() slashes $_POST and $_SERVER, and wp_handle_comment_submission() slashes the
 * comment again for wp_new_comment(), whose preprocess_comment filter is where the plugin checks it. The plugin's
 * nonce field says the plugin built the call; the form's own field (`comment`, or `_ajax_nonce-replyto-comment`
 * for a reply written in wp-admin) says the comment came from $_POST. Its REST API comments, its rechecks and
 * reports (the stored row, unslashed) and every other client send the text as written, backslashes and all.
 */
export function isSlashedByWordPress(form: AkismetForm): boolean {
  return (
    form.get('akismet_comment_nonce') !== undefined &&
    (form.get('POST_comment') !== undefined || form.get('POST__ajax_nonce-replyto-comment') !== undefined)
  )
}

/** PHP's stripslashes: each backslash goes and the character after it stays; `\0` was a NUL, which is dropped. */
export const stripSlashes = (value: string) =>
  value.replace(/\\([\s\S]?)/g, (_, next: string) => (next === '0' ? '' : next))

const unslash = (value: string | string[]) =>
  Array.isArray(value) ? value.map(stripSlashes) : stripSlashes(value)

/** The parameters as the reader wrote them. */
export function unslashed(form: AkismetForm): AkismetForm {
  return {
    get: (name) => {
      const value = form.get(name)
      return value === undefined ? undefined : stripSlashes(value)
    },
    list: (name) => form.list(name).map(stripSlashes),
    toRecord: () =>
      Object.fromEntries(Object.entries(form.toRecord()).map(([name, value]) => [name, unslash(value)])),
  }
}
