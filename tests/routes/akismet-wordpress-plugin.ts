/** What the WordPress plugin sends: its comment-check body, its headers, and the body of its account calls. */
import type { TestSite } from '../helpers/app.js'
import { FORM } from './akismet-client.js'

/** A comment-check body as the plugin's http_build_query writes it, with api_key appended at the end. */
export const wordpressBody = (site: TestSite, userRole: string, ip: string) =>
  [
    'comment_post_ID=42',
    'comment_author=Jean+Dupont',
    'comment_author_email=jean.dupont%40example.org',
    'comment_author_url=',
    'comment_content=Tr%C3%A8s+bon+article%2C+merci+%21+On+attend+la+suite+avec+impatience.',
    'comment_type=comment',
    'comment_parent=0',
    'user_ID=0',
    `user_ip=${encodeURIComponent(ip)}`,
    'user_agent=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
    'referrer=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
    'blog=https%3A%2F%2Fblog.example',
    'blog_lang=fr_FR',
    'blog_charset=UTF-8',
    'permalink=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
    'comment_context%5B0%5D=politique',
    'comment_context%5B1%5D=europe',
    `user_role=${encodeURIComponent(userRole)}`,
    'akismet_comment_nonce=passed',
    'POST_ak_hp_textarea=',
    'POST_ak_js=1764331200123',
    'HTTP_USER_AGENT=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
    'HTTP_ACCEPT_LANGUAGE=fr-FR%2Cfr%3Bq%3D0.9',
    `api_key=${site.serverKey}`,
  ].join('&')

export const wordpress = {
  contentType: `${FORM}; charset=UTF-8`,
  headers: { 'user-agent': 'WordPress/6.8 | Akismet/5.4' },
}

/** What the plugin posts to its account paths: the legacy key, the blog, and the appended api_key. */
export const accountBody = (key: string) => `key=${key}&blog=https%3A%2F%2Fblog.example&api_key=${key}`
