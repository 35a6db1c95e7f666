import { describe, expect, it } from 'vitest'
import { akismetFormOfParts, MAX_PARAMETERS, parseAkismetForm } from '../../src/akismet/form.js'

const form = (...args: Parameters<typeof parseAkismetForm>) => parseAkismetForm(...args)

describe('parseAkismetForm', () => {
  it('reads `+` and `%20` as spaces', () => {
    const parsed = form('comment_author=Jean+Dupont&comment_content=deux%20mots&a+b=c')
    expect(parsed.get('comment_author')).toBe('Jean Dupont')
    expect(parsed.get('comment_content')).toBe('deux mots')
    expect(parsed.get('a b')).toBe('c')
  })

  it('keeps an encoded `+` as a plus sign', () => {
    expect(form('comment_content=1%2B1%3D2').get('comment_content')).toBe('1+1=2')
  })

  it.each([
    ['name[]', 'comment_context[]=tag&comment_context[]=cat'],
    ['name[N]', 'comment_context[0]=tag&comment_context[1]=cat'],
    ['percent-encoded name%5BN%5D', 'comment_context%5B0%5D=tag&comment_context%5B1%5D=cat'],
    ['percent-encoded name%5B%5D', 'comment_context%5B%5D=tag&comment_context%5B%5D=cat'],
    ['a repeated name', 'comment_context=tag&comment_context=cat'],
  ])('reads an array sent as %s', (_, body) => {
    const parsed = form(body)
    expect(parsed.list('comment_context')).toEqual(['tag', 'cat'])
    expect(parsed.get('comment_context')).toBe('tag')
    expect(parsed.toRecord()).toEqual({ comment_context: ['tag', 'cat'] })
  })

  it('orders an array sent as name[N] by its indexes, whatever order they came in', () => {
    const parsed = form(
      'comment_context[2]=c&comment_context[0]=a&comment_context[10]=d&comment_context[1]=b',
    )
    expect(parsed.list('comment_context')).toEqual(['a', 'b', 'c', 'd'])
    expect(parsed.get('comment_context')).toBe('a')
  })

  it('keeps the order values came in when some of them have no index', () => {
    expect(form('tags[1]=b&tags[]=x&tags[0]=a').list('tags')).toEqual(['b', 'x', 'a'])
  })

  it('keeps a bracketed name that is not an array index whole', () => {
    expect(form('a[b]=1').toRecord()).toEqual({ 'a[b]': '1' })
  })

  it('gives a single value as a string and an absent one as undefined or an empty list', () => {
    const parsed = form('blog=https%3A%2F%2Fblog.example&empty=&bare')
    expect(parsed.toRecord()).toEqual({ blog: 'https://blog.example', empty: '', bare: '' })
    expect(parsed.get('missing')).toBeUndefined()
    expect(parsed.list('missing')).toEqual([])
  })

  it("decodes a WordPress body in its blog_charset: ISO-8859-1's %E9 is é", () => {
    const body =
      'comment_author=Ren%E9&comment_content=caf%E9+cr%E8me+br%FBl%E9e&blog_charset=ISO-8859-1&blog=https%3A%2F%2Fblog.example'
    const parsed = form(body)
    expect(parsed.get('comment_author')).toBe('René')
    expect(parsed.get('comment_content')).toBe('café crème brûlée')
    expect(parsed.get('blog')).toBe('https://blog.example')
  })

  it.each(['windows-1252', 'ISO-8859-1', 'latin1'])(
    'decodes %s as browsers do: 0x80–0x9F are windows-1252 letters (€, curly quotes, dashes), not control characters',
    (charset) => {
      const parsed = form(
        `blog_charset=${charset}&comment_content=l%92Europe+%96+5+%80%2C+%93oui%94%85+%8Auvic%E9+%9C%9F%81`,
      )
      expect(parsed.get('comment_content')).toBe('l’Europe – 5 €, “oui”… Šuvicé œŸ\u0081')
    },
  )

  it('decodes UTF-8 when the body names no charset, or names UTF-8', () => {
    const content = 'comment_content=Tr%C3%A8s+%E2%82%AC%F0%9F%98%80+%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82'
    expect(form(content).get('comment_content')).toBe('Très €😀 привет')
    expect(form(`blog_charset=UTF-8&${content}`).get('comment_content')).toBe('Très €😀 привет')
  })

  it('falls back to UTF-8 for a charset it does not know', () => {
    expect(form('blog_charset=no-such-charset&comment_author=Zo%C3%AB').get('comment_author')).toBe('Zoë')
  })

  it('decodes a body without blog_charset in the charset its Content-Type names', () => {
    const contentType = 'application/x-www-form-urlencoded; charset=ISO-8859-1'
    expect(form('comment_author=Ren%E9', '', contentType).get('comment_author')).toBe('René')
    expect(form('comment_author=Ren%E9', '', 'text/plain; Charset="iso-8859-1"').get('comment_author')).toBe(
      'René',
    )
  })

  it("prefers the body's blog_charset to the Content-Type's charset", () => {
    const contentType = 'application/x-www-form-urlencoded; charset=ISO-8859-1'
    expect(form('blog_charset=UTF-8&comment_author=Zo%C3%AB', '', contentType).get('comment_author')).toBe(
      'Zoë',
    )
  })

  it('decodes a long run of plain text beside an encoded character (no spread onto the call stack)', () => {
    const run = 'word '.repeat(40_000)
    const parsed = form(`comment_content=caf%C3%A9+${'word+'.repeat(40_000)}`)
    expect(parsed.get('comment_content')).toBe(`café ${run}`)
  })

  it('keeps characters sent unencoded as they are beside `+` and escapes, whatever the charset', () => {
    const parsed = form(
      'a=Привет+мир+👋&b=\uFEFFdébut+🇫🇷&c=%E9t%E9+caf%E9&d=\uFEFF',
      '',
      'application/x-www-form-urlencoded; charset=ISO-8859-1',
    )
    expect(parsed.toRecord()).toEqual({ a: 'Привет мир 👋', b: '\uFEFFdébut 🇫🇷', c: 'été café', d: '\uFEFF' })
  })

  it('keeps a stray `%` as it is', () => {
    const parsed = form('a=100%&b=50%+off&c=%zz&d=%2&e=100%25+sure%')
    expect(parsed.toRecord()).toEqual({ a: '100%', b: '50% off', c: '%zz', d: '%2', e: '100% sure%' })
  })

  it('strips NUL from names and values', () => {
    expect(form('comment_content=a%00b&na%00me=x').toRecord()).toEqual({ comment_content: 'ab', name: 'x' })
  })

  it(`reads at most ${MAX_PARAMETERS} parameters and drops the rest`, () => {
    const body = Array.from({ length: MAX_PARAMETERS + 100 }, (_, i) => `p${i}=${i}`).join('&')
    const record = form(body).toRecord()
    expect(Object.keys(record)).toHaveLength(MAX_PARAMETERS)
    expect(record[`p${MAX_PARAMETERS - 1}`]).toBe(String(MAX_PARAMETERS - 1))
    expect(record[`p${MAX_PARAMETERS}`]).toBeUndefined()
  })

  it('still reads the key past the cap, where WordPress puts api_key', () => {
    const body = `${Array.from({ length: MAX_PARAMETERS + 10 }, (_, i) => `p${i}=${i}`).join('&')}&api_key=abc`
    expect(form(body).get('api_key')).toBe('abc')
  })

  it('still reads the protocol fields past the cap, once each, and no other parameter', () => {
    const headers = Array.from({ length: MAX_PARAMETERS + 10 }, (_, i) => `HTTP_X_${i}=${i}`).join('&')
    const late =
      'is_test=1&honeypot_field_name=hp_url&hp_url=bot&POST_ak_hp_textarea=filled&is_test=0&POST_x=y'
    const parsed = form(`${headers}&${late}`)
    expect(parsed.get('is_test')).toBe('1')
    expect(parsed.list('is_test')).toEqual(['1'])
    expect(parsed.get('hp_url')).toBe('bot')
    expect(parsed.get('POST_ak_hp_textarea')).toBe('filled')
    expect(parsed.get('POST_x')).toBeUndefined()
  })

  it('keeps a name sent in array form an array, even with one value', () => {
    expect(form('comment_context%5B0%5D=politique&tag=x').toRecord()).toEqual({
      comment_context: ['politique'],
      tag: 'x',
    })
  })

  it('does not count empty pairs toward the cap', () => {
    const body = `${'&'.repeat(1000)}api_key=abc`
    expect(form(body).get('api_key')).toBe('abc')
  })

  it('reads a body and then a query string into one set of parameters', () => {
    const parsed = form('comment_context=a', 'comment_context=b&api_key=k')
    expect(parsed.list('comment_context')).toEqual(['a', 'b'])
    expect(parsed.get('api_key')).toBe('k')
  })

  /** A part as multipart.ts gives it: its bytes, one character each. */
  const bytesOf = (text: string, charset: 'utf8' | 'latin1' = 'utf8') =>
    Buffer.from(text, charset).toString('latin1')

  it('reads the parts of a multipart body as it reads a form, as sent (no percent-decoding), then the query', () => {
    const parts: [string, string][] = [
      ['comment_author', bytesOf('Zoë 100%')],
      ['comment_context[]', 'politique'],
      ['comment_context[]', 'retraites'],
    ]
    const parsed = akismetFormOfParts(parts, 'api_key=k')
    expect(parsed.toRecord()).toEqual({
      comment_author: 'Zoë 100%',
      comment_context: ['politique', 'retraites'],
      api_key: 'k',
    })
  })

  it('decodes the parts in their blog_charset, else in the charset their Content-Type names', () => {
    const latin = bytesOf('Près du café', 'latin1')
    expect(
      akismetFormOfParts([
        ['blog_charset', 'ISO-8859-1'],
        ['comment_content', latin],
      ]).get('comment_content'),
    ).toBe('Près du café')
    expect(
      akismetFormOfParts(
        [['comment_content', latin]],
        '',
        'multipart/form-data; charset=ISO-8859-1; boundary=x',
      ).get('comment_content'),
    ).toBe('Près du café')
  })
})
