import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  datasetsDir,
  HELD_OUT_VIDEO,
  loadDatasets,
  parseCsv,
  parseNewsroomJsonl,
  parseYoutubeCsv,
  TRAINING_VIDEOS,
} from '../../bench/datasets.js'

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and records, with LF or CRLF line breaks', () => {
    expect(parseCsv('a,b,c\n1,2,3\r\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ])
  })

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = '"id","text"\n1,"Hello, ""world""\nsecond line\r\nthird"\n2,"x"\n'
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'Hello, "world"\nsecond line\r\nthird'],
      ['2', 'x'],
    ])
  })

  it('keeps empty fields, and a trailing line break makes no empty record', () => {
    expect(parseCsv('a,,c\n,,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ])
    expect(parseCsv('"",x\n')).toEqual([['', 'x']])
  })

  it('drops a byte order mark before the header', () => {
    expect(parseCsv('\uFEFF"A",B\n1,2')).toEqual([
      ['A', 'B'],
      ['1', '2'],
    ])
  })

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(parseCsv('say 5" nails,x')).toEqual([['say 5" nails', 'x']])
  })

  it('refuses a quoted field that is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/never closed/)
  })
})

describe('parseYoutubeCsv', () => {
  const file = [
    '"COMMENT_ID","AUTHOR","DATE","CONTENT","CLASS"',
    'c1,Julius NM,2013-11-07T06:20:48,"Huh, check out this you[tube] channel: kobyoshi02",1',
    'c2,Bob,2013-11-28T12:33:27,"I&#39;m back<br />for the 100th time &amp; still ""love"" it\uFEFF",0',
  ].join('\n')

  it('labels by CLASS, names the article after the video, and keeps only the author name', () => {
    const [spam, ham] = parseYoutubeCsv(file, 'Youtube01-Psy')
    expect(spam).toEqual({
      source: 'Youtube01-Psy',
      id: 'c1',
      articleId: 'Youtube01-Psy',
      label: 'spam',
      language: null,
      author: { name: 'Julius NM' },
      content: 'Huh, check out this you[tube] channel: kobyoshi02',
    })
    expect(ham?.label).toBe('ham')
  })

  it('leaves HTML entities, markup and invisible characters for the engine to decode', () => {
    const [, ham] = parseYoutubeCsv(file, 'Youtube01-Psy')
    expect(ham?.content).toBe('I&#39;m back<br />for the 100th time &amp; still "love" it\uFEFF')
  })

  it('finds columns by name, in any order', () => {
    const [comment] = parseYoutubeCsv('CLASS,CONTENT,AUTHOR,COMMENT_ID\n0,"hi, there",Ann,x9', 'v')
    expect(comment).toMatchObject({ id: 'x9', label: 'ham', content: 'hi, there', author: { name: 'Ann' } })
  })

  it('refuses a file without a needed column, or a CLASS other than 0 or 1', () => {
    expect(() => parseYoutubeCsv('COMMENT_ID,AUTHOR,CONTENT\n1,a,b', 'v')).toThrow(/no CLASS column/)
    expect(() => parseYoutubeCsv('COMMENT_ID,AUTHOR,CONTENT,CLASS\n1,a,b,spam', 'v')).toThrow(/record 2/)
  })
})

describe('parseNewsroomJsonl', () => {
  const lines = [
    '{"label":"ham","lang":"fr","articleId":"a1","name":"Gérard","email":"g@orange.fr","url":"","content":"C&#39;est &lt;faux&gt;"}',
    '',
    '{"label":"spam","lang":"en","articleId":"a2","name":"Seo","email":"","url":"https://x.example","content":"Great post"}',
  ].join('\n')

  it('reads one comment a line, an empty e-mail or URL meaning none was given', () => {
    const [ham, spam] = parseNewsroomJsonl(lines)
    expect(ham).toEqual({
      source: 'newsroom',
      id: 'newsroom-1',
      articleId: 'a1',
      label: 'ham',
      language: 'fr',
      author: { name: 'Gérard', email: 'g@orange.fr' },
      content: 'C&#39;est &lt;faux&gt;',
    })
    expect(spam?.author).toEqual({ name: 'Seo', url: 'https://x.example' })
  })

  it('refuses a line with an unknown label', () => {
    expect(() => parseNewsroomJsonl('{"label":"maybe","articleId":"a","name":"n","content":"c"}')).toThrow(
      /label "maybe"/,
    )
  })
})

describe('loadDatasets', () => {
  it('says where the data sets are expected when they are missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vigil-datasets-'))
    try {
      expect(() => loadDatasets(empty)).toThrow(/shared\/datasets/)
    } finally {
      rmSync(empty, { recursive: true })
    }
  })

  it.skipIf(!existsSync(datasetsDir()))('reads the shared files with the counts their README gives', () => {
    const { videos, newsroom } = loadDatasets()
    const all = [...TRAINING_VIDEOS, HELD_OUT_VIDEO].flatMap((name) => videos.get(name) ?? [])
    expect(all).toHaveLength(1956)
    expect(all.filter((c) => c.label === 'spam')).toHaveLength(1005)
    expect(videos.get(HELD_OUT_VIDEO)?.filter((c) => c.label === 'spam')).toHaveLength(174)
    expect(newsroom).toHaveLength(55)
    expect(newsroom.filter((c) => c.label === 'spam')).toHaveLength(25)
  })
})
