import { describe, expect, it } from 'vitest'
import { type KeySiteStats, keySitesCsv, monthRange } from '../../src/akismet/usage.js'

// key-sites as CSV: Akismet's format, with each site written so that a spreadsheet shows it and never runs it.

const stats = (site: string): KeySiteStats => ({
  site,
  api_calls: '3',
  spam: '1',
  ham: '2',
  missed_spam: '0',
  false_positives: '0',
  is_revoked: false,
})
const page = { limit: 500, offset: 0, total: 1 }
/** The row written for one site, without the title and header lines. */
const rowOf = (site: string) => keySitesCsv('abcdef123456', '2026-11', page, [stats(site)]).split('\n')[2]

describe('keySitesCsv', () => {
  it('writes a title line, the header, one row per site and a final newline', () => {
    expect(keySitesCsv('abcdef123456', '2026-11', page, [stats('https://a.example')])).toBe(
      [
        'Active sites for abcdef123456 during 2026-11 (limit: 500, offset: 0, total: 1).',
        'Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked',
        'https://a.example,3,1,2,0,0,false',
        '',
      ].join('\n'),
    )
  })

  it('quotes a site holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(rowOf('https://a.example/?a,b')).toBe('"https://a.example/?a,b",3,1,2,0,0,false')
    expect(rowOf('say "hi"')).toBe('"say ""hi""",3,1,2,0,0,false')
    expect(
      keySitesCsv('k', '2026-11', page, [stats('a\nb')])
        .split('\n')
        .slice(2, 4),
    ).toEqual(['"a', 'b",3,1,2,0,0,false'])
  })

  // OWASP, CSV injection: a cell that starts with one of these is read by spreadsheets as a formula. The site is
  // the `blog` a comment-check sent, so whoever can post a check chooses it.
  it.each([
    [
      '=',
      '=HYPERLINK("https://evil.example","x")',
      `"'=HYPERLINK(""https://evil.example"",""x"")",3,1,2,0,0,false`,
    ],
    ['+', '+1+cmd|/C calc!A0', "'+1+cmd|/C calc!A0,3,1,2,0,0,false"],
    ['-', '-2+3', "'-2+3,3,1,2,0,0,false"],
    ['@', '@SUM(1+1)', "'@SUM(1+1),3,1,2,0,0,false"],
    ['a tab', '\t=1+1', "'\t=1+1,3,1,2,0,0,false"],
    ['a carriage return', '\r=1+1', `"'\r=1+1",3,1,2,0,0,false`],
  ])('prefixes a quote to a site starting with %s, so a spreadsheet reads it as text', (_, site, row) => {
    expect(rowOf(site)).toBe(row)
  })

  it('leaves a site alone when such a character is not its first', () => {
    expect(rowOf('https://a.example/=+-@')).toBe('https://a.example/=+-@,3,1,2,0,0,false')
    expect(rowOf('')).toBe(',3,1,2,0,0,false')
  })
})

describe('monthRange', () => {
  const now = new Date('2026-11-29T10:00:00Z')

  it('is this month when none is named', () => {
    expect(monthRange(undefined, now)).toEqual({
      label: '2026-11',
      start: new Date('2026-11-01T00:00:00Z'),
      end: new Date('2026-12-01T00:00:00Z'),
    })
  })

  it('is the named month, December running to the next year', () => {
    expect(monthRange('2025-12', now)).toEqual({
      label: '2025-12',
      start: new Date('2025-12-01T00:00:00Z'),
      end: new Date('2026-01-01T00:00:00Z'),
    })
  })

  it('is the month named in a year before 100 too, not 1900 years later', () => {
    expect(monthRange('0042-03', now)?.start.toISOString()).toBe('0042-03-01T00:00:00.000Z')
    expect(monthRange('0001-01', now)?.end.toISOString()).toBe('0001-02-01T00:00:00.000Z')
  })

  it('is none for a month whose bounds PostgreSQL cannot read: in the year 0, or ending in the year 10000', () => {
    expect(monthRange('0000-01', now)).toBeNull()
    expect(monthRange('9999-12', now)).toBeNull()
    expect(monthRange('9999-11', now)?.end.toISOString()).toBe('9999-12-01T00:00:00.000Z')
  })
})
