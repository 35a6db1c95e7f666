/** Parameters that become columns of the comment; everything else is kept in its `extra`, as sent. */
export const MAPPED_PARAMETERS: ReadonlySet<string> = new Set([
  'api_key',
  'key',
  'user_ip',
  'user_agent',
  'referrer',
  'permalink',
  'comment_author',
  'comment_author_email',
  'comment_author_url',
  'comment_content',
  'blog_lang',
  'is_test',
  'user_role',
  'guid',
])

/**
 * The parameters of Akismet's protocol that Vigil reads: the mapped ones, and those that name the blog or change
 * how a call is answered. Every other parameter (`comment_context`, `POST_*`, `HTTP_*`…) is only kept, as sent.
 */
export const PROTOCOL_PARAMETERS: ReadonlySet<string> = new Set([
  ...MAPPED_PARAMETERS,
  'blog',
  'blog_charset',
  'comment_author_IP',
  'comment_post_ID',
  'comment_type',
  'recheck_reason',
  'akismet_pre_check',
  'honeypot_field_name',
])

/** The hidden field the WordPress plugin adds to its comment form, forwarded with the rest of the form. */
export const WORDPRESS_HONEYPOT = 'POST_ak_hp_textarea'
