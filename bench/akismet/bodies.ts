/** The bodies of `bench:akismet`'s checks: labelled comments as the WordPress plugin sends them. */
import { type LabelledComment, loadDatasets } from '../datasets.js'

/** mulberry32: the same shuffle on every run. */
function seeded(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Every labelled comment, YouTube and newsroom, spam and ham, in one shuffled order. */
export function commentPool(): LabelledComment[] {
  const { videos, newsroom } = loadDatasets()
  const pool = [...[...videos.values()].flat(), ...newsroom]
  const random = seeded(20_261_129)
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j] as LabelledComment, pool[i] as LabelledComment]
  }
  return pool
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
]

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 40) || 'x'

/**
 * Check number `n` (0-based, over the whole benchmark) as the WordPress plugin sends it, with comment
 * `pool[n mod size]`. Its sender is its own: an IP of 198.18.0.0/15 (set aside for benchmarks), the data set's
 * author name, an e-mail made unique by `n` (the newsroom's own, with `+n`), so no check is a re-post of another.
 */
export function checkBody(pool: readonly LabelledComment[], apiKey: string, n: number): string {
  const comment = pool[n % pool.length] as LabelledComment
  const address = (n % 131_070) + 1
  const ip = `198.${18 + (address >> 16)}.${(address >> 8) & 255}.${address & 255}`
  const [local, domain] = comment.author.email?.split('@') ?? [slug(comment.author.name), 'example.org']
  const email = `${local}+${n}@${domain}`
  const permalink = `https://blog.example/2026/11/${slug(comment.articleId)}/`
  const userAgent = USER_AGENTS[n % USER_AGENTS.length] as string
  const form = new URLSearchParams({
    api_key: apiKey,
    comment_post_ID: String(1000 + (Math.abs(hash(comment.articleId)) % 500)),
    comment_author: comment.author.name,
    comment_author_email: email,
    comment_author_url: comment.author.url ?? '',
    comment_content: comment.content,
    comment_type: 'comment',
    comment_date_gmt: new Date().toISOString().slice(0, 19).replace('T', ' '),
    user_ip: ip,
    user_agent: userAgent,
    referrer: permalink,
    blog: 'https://blog.example',
    blog_lang: 'fr_FR',
    blog_charset: 'UTF-8',
    permalink,
    POST_ak_js: String(Date.now() - 30_000 - (n % 600) * 1000),
    HTTP_HOST: 'blog.example',
    HTTP_ACCEPT: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
    HTTP_ACCEPT_ENCODING: 'gzip, deflate, br',
    HTTP_REFERER: permalink,
    HTTP_USER_AGENT: userAgent,
    HTTP_CONNECTION: 'keep-alive',
  })
  return form.toString()
}

function hash(text: string): number {
  let h = 0
  for (const char of text) h = (Math.imul(h, 31) + (char.codePointAt(0) ?? 0)) | 0
  return h
}
