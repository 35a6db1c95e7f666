import { describe, expect, it } from 'vitest'
import { toIso6393 } from '../../src/spam/languages.js'

describe('the article language a site sends, as the detector names languages (ISO 639-3)', () => {
  it.each([
    ['fr', 'fra'],
    ['FR', 'fra'],
    ['fa', 'pes'],
    ['ur', 'urd'],
    ['hi', 'hin'],
    ['zh', 'cmn'],
    ['ms', 'zlm'],
    ['sw', 'swh'],
    ['uz', 'uzn'],
    ['az', 'azj'],
    ['ne', 'npi'],
    ['fra', 'fra'],
  ])('%s is %s', (sent, named) => {
    expect(toIso6393(sent)).toBe(named)
  })

  it('is unknown for a two-letter code the detector does not name, and for nothing', () => {
    expect(toIso6393('xx')).toBeNull()
    expect(toIso6393('')).toBeNull()
    expect(toIso6393(undefined)).toBeNull()
  })
})
