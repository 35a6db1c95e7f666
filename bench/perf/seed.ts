/**
 * Bulk data for `npm run bench`, written with `INSERT … SELECT generate_series` (one statement per 100 000 rows,
 * never row by row) straight into a migrated PostgreSQL: the read benchmark's million comments over 100 sites,
 * and the pending comments the decision benchmark decides. The texts are real-looking French and English
 * comments numbered so that no two are alike.
 */
import type postgres from 'postgres'

type Sql = postgres.Sql

/** Site ids of the read corpus: `s000` … `s099`. */
export const readSiteId = (index: number) => `s${String(index).padStart(3, '0')}`
/** Site s000's comments all go to this article, so its approved list is long enough for a deep cursor page. */
export const BIG_ARTICLE = 'une-longue-affaire'

const TEXTS = [
  "Merci pour cet article très complet sur les négociations à l'ONU, enfin une analyse nuancée.",
  'Je ne suis pas d’accord avec la conclusion : la situation au Sahel est bien plus complexe que cela.',
  'Excellent reportage. Les chiffres cités viennent-ils du rapport de la Banque mondiale de cette année ?',
  'The sanctions debate deserves more than two paragraphs; who actually pays for them?',
  'Good piece, though the map in the second section mislabels the border region.',
  'Quelqu’un a-t-il lu le texte intégral de l’accord ? Le résumé me semble partial.',
  'Voir aussi https://www.lemonde.fr/international/ pour le contexte historique.',
  'As a reader in Seoul I can confirm the mood described here, thank you for the nuance.',
  "L'article oublie le rôle de la diaspora dans ces élections, c'est pourtant décisif.",
  'Interesting, but the interview should have asked about the 2019 agreement.',
]

const sqlTexts = (sql: Sql) => sql`${sql.array(TEXTS)}::text[]`

/** Runs `insert` over the numbers 1…`count` in chunks of 100 000 (one statement each). */
async function insertSeries(
  count: number,
  insert: (from: number, to: number) => Promise<unknown>,
  onProgress?: (done: number) => void,
) {
  const chunk = 100_000
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1)
    await insert(from, to)
    onProgress?.(to)
  }
}

/**
 * One million comments (by default) over 100 sites: ~10 000 per site over a year, 70 % approved, 20 % pending,
 * 10 % spam; site s000's all on one article. Sites are rows of their own; readers are 20 000 e-mails and 30 000 IPs.
 */
export async function seedReadCorpus(sql: Sql, comments: number, onProgress?: (done: number) => void) {
  const now = new Date()
  await sql`insert into sites (id, name, created_at, updated_at)
    select 's' || lpad(n::text, 3, '0'), 'Site ' || n, ${now}, ${now} from generate_series(0, 99) as n
    on conflict do nothing`
  const statuses = sql`(array['approved','approved','approved','approved','approved','approved','approved',
    'pending','pending','spam'])[(i / 100) % 10 + 1]::comment_status`
  await insertSeries(
    comments,
    (from, to) => sql`
      insert into comments (id, site_id, article_id, author_name, author_email_hash, content, content_hash,
        status, score, reasons, ip_hash, source, created_at, updated_at)
      select gen_random_uuid(), 's' || lpad((i % 100)::text, 3, '0'),
        case when i % 100 = 0 then ${BIG_ARTICLE} else 'article-' || (i / 100) % 500 end,
        'Lecteur ' || i % 5000, md5('e' || i % 20000), t.content, md5(t.content),
        ${statuses}, 0, '[]'::jsonb, md5('ip' || i % 30000), 'api', c.at, c.at
      from generate_series(${from}::int, ${to}::int) as i,
        lateral (select (${sqlTexts(sql)})[i % ${TEXTS.length} + 1] || ' (' || i || ')' as content) as t,
        lateral (select ${now}::timestamptz - make_interval(secs => (${comments} - i) * 30) as at) as c`,
    onProgress,
  )
  await sql`vacuum analyze comments`
  await sql`analyze sites`
}

/** `count` pending comments on one site, for decisions to approve or reject; returns their ids, oldest first. */
export async function seedPending(sql: Sql, siteId: string, count: number): Promise<string[]> {
  const now = new Date()
  await insertSeries(
    count,
    (from, to) => sql`
      insert into comments (id, site_id, article_id, author_name, author_email_hash, content, content_hash,
        status, score, reasons, ip_hash, source, created_at, updated_at)
      select gen_random_uuid(), ${siteId}, 'article-' || i % 50, 'Lecteur ' || i, md5('pe' || i), t.content,
        md5(t.content), 'pending', 0.3, '[]'::jsonb, md5('pip' || i), 'api',
        ${now}::timestamptz - make_interval(secs => ${count} - i), ${now}
      from generate_series(${from}::int, ${to}::int) as i,
        lateral (select (${sqlTexts(sql)})[i % ${TEXTS.length} + 1] || ' [' || i || ']' as content) as t`,
  )
  await sql`analyze comments`
  const rows = await sql<{ id: string }[]>`
    select id from comments where site_id = ${siteId} and status = 'pending' order by created_at, id`
  return rows.map((row) => row.id)
}
