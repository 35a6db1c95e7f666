/**
 * Loads the labelled comment sets in `../shared/datasets/` (see its README): the YouTube Spam Collection
 * (Alberto, Lochter & Almeida, "TubeSpam", ICMLA 2015; UCI, CC BY 4.0) and the newsroom file. Texts are returned
 * exactly as stored: HTML entities, `<br />` and invisible characters are the engine's to decode, as they would be
 * in a real submission.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Label = 'spam' | 'ham'

export type LabelledComment = {
  /** The file it came from, without extension: `Youtube01-Psy`, `newsroom`. */
  source: string
  id: string
  articleId: string
  label: Label
  /** The article's language (ISO 639-1) when the data names it. */
  language: string | null
  author: { name: string; email?: string; url?: string }
  content: string
}

/** The README's mandatory split: tune on these, and only report on the held-out file. */
export const TRAINING_VIDEOS = [
  'Youtube01-Psy',
  'Youtube02-KatyPerry',
  'Youtube03-LMFAO',
  'Youtube04-Eminem',
] as const
export const HELD_OUT_VIDEO = 'Youtube05-Shakira'

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, line breaks and
 * `""` for one quote. A quote inside an unquoted field is kept literally (lenient, like most readers).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endField = () => {
    record.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  while (i < text.length) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (char === '"') quoted = false
      else field += char
      i++
      continue
    }
    if (char === '"' && field === '') quoted = true
    else if (char === ',') endField()
    else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++
      endRecord()
    } else field += char
    i++
  }
  if (quoted) throw new Error(`CSV: a quoted field opened in record ${records.length + 1} is never closed`)
  // A final record without a line break; a trailing line break does not make an empty record.
  if (field !== '' || record.length > 0) endRecord()
  return records
}

/** A YouTube file: one article per video; the author's name is all the sender data it has. */
export function parseYoutubeCsv(text: string, source: string): LabelledComment[] {
  const [header, ...rows] = parseCsv(text)
  if (!header) throw new Error(`${source}: empty file`)
  const column = (name: string) => {
    const index = header.indexOf(name)
    if (index < 0) throw new Error(`${source}: no ${name} column in ${header.join(',')}`)
    return index
  }
  const id = column('COMMENT_ID')
  const author = column('AUTHOR')
  const content = column('CONTENT')
  const label = column('CLASS')
  return rows.map((row, index) => {
    const value = (at: number) => row[at] ?? ''
    const klass = value(label)
    if (klass !== '0' && klass !== '1') throw new Error(`${source}: record ${index + 2} has CLASS "${klass}"`)
    return {
      source,
      id: value(id),
      articleId: source,
      label: klass === '1' ? 'spam' : 'ham',
      language: null,
      author: { name: value(author) },
      content: value(content),
    }
  })
}

type NewsroomRecord = {
  label: Label
  lang?: string
  articleId: string
  name: string
  email?: string
  url?: string
  content: string
}

/** The newsroom file: one JSON object per line; an empty e-mail or URL means the reader gave none. */
export function parseNewsroomJsonl(text: string, source = 'newsroom'): LabelledComment[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  return lines.map((line, index) => {
    const record = JSON.parse(line) as NewsroomRecord
    if (record.label !== 'spam' && record.label !== 'ham') {
      throw new Error(`${source}: line ${index + 1} has label "${String(record.label)}"`)
    }
    const author: LabelledComment['author'] = { name: record.name }
    if (record.email) author.email = record.email
    if (record.url) author.url = record.url
    return {
      source,
      id: `${source}-${index + 1}`,
      articleId: record.articleId,
      label: record.label,
      language: record.lang ?? null,
      author,
      content: record.content,
    }
  })
}

/** `../shared/datasets` beside the project root, found from this file so any working directory will do. */
export function datasetsDir(): string {
  return fileURLToPath(new URL('../../shared/datasets/', import.meta.url))
}

export type Datasets = {
  /** By file name without extension, Youtube01 to Youtube05. */
  videos: Map<string, LabelledComment[]>
  newsroom: LabelledComment[]
}

export function loadDatasets(dir = datasetsDir()): Datasets {
  const read = (path: string) => {
    if (!existsSync(path)) {
      throw new Error(
        `Missing ${path}: the labelled data sets are expected in ../shared/datasets/ beside the project ` +
          '(see that folder’s README); they are not part of the repository.',
      )
    }
    return readFileSync(path, 'utf8')
  }
  const videos = new Map<string, LabelledComment[]>()
  for (const name of [...TRAINING_VIDEOS, HELD_OUT_VIDEO]) {
    const path = join(dir, 'youtube-spam', `${name}.csv`)
    videos.set(name, parseYoutubeCsv(read(path), basename(path, '.csv')))
  }
  const newsroom = parseNewsroomJsonl(read(join(dir, 'newsroom', 'comments.jsonl')))
  return { videos, newsroom }
}
