/**
 * The parameters of Akismet's protocol that Vigil reads: the key, the comment's fields, and the flags that change
 * how a call is answered. Every other parameter (`comment_context`, `POST_*`, `HTTP_*`…) is only kept, as sent.
 */
export const PROTOCOL_PARAMETERS: ReadonlySet<string> = new Set([
  'api_key',
  'key',
  'blog',
  'blog_lang',
  'blog_charset',
  'user_ip',
  'comment_author_IP',
  'user_agent',
  'referrer',
  'permalink',
  'comment_post_ID',
  'comment_type',
  'comment_author',
  'comment_author_email',
  'comment_author_url',
  'comment_content',
  'is_test',
  'user_role',
  'guid',
  'recheck_reason',
  'akismet_pre_check',
  'honeypot_field_name',
])

/** The hidden field the WordPress plugin adds to its comment form, forwarded with the rest of the form. */
export const WORDPRESS_HONEYPOT = 'POST_ak_hp_textarea'
