import { describe, expect, it } from 'vitest'
import { parseAkismetForm } from '../../src/akismet/form.js'
import { akismetKeysOf } from '../../src/akismet/key.js'

const form = (...args: Parameters<typeof parseAkismetForm>) => parseAkismetForm(...args)

describe('akismetKeysOf', () => {
  const key = 'abcdef123456'

  it('tries api_key, then key, and the Host header only when neither is sent', () => {
    const host = 'zzzzzz999999.vigil.example'
    expect(akismetKeysOf(form('key=legacy&api_key=current'), host)).toEqual(['current', 'legacy'])
    expect(akismetKeysOf(form('api_key=current&key=legacy'), host)).toEqual(['current', 'legacy'])
    expect(akismetKeysOf(form('api_key=same&key=same'), host)).toEqual(['same'])
    expect(akismetKeysOf(form('key=legacy'), host)).toEqual(['legacy'])
    expect(akismetKeysOf(form('api_key=&key=legacy'), host)).toEqual(['legacy'])
    expect(akismetKeysOf(form('blog=x'), host)).toEqual(['zzzzzz999999'])
  })

  it('asks about `key` alone in a call about a key, when it is sent', () => {
    const about = { aboutKey: true }
    expect(akismetKeysOf(form('key=typed&api_key=stored'), undefined, about)).toEqual(['typed'])
    expect(akismetKeysOf(form('api_key=current'), undefined, about)).toEqual(['current'])
    expect(akismetKeysOf(form('key=+&api_key=current'), undefined, about)).toEqual(['current'])
  })

  it('trims a key sent in the form', () => {
    expect(akismetKeysOf(form('api_key=+abc+'), undefined)).toEqual(['abc'])
  })

  it.each([
    [`${key}.vigil.example`, key],
    [`${key}.vigil.example:8080`, key],
    [`${key.toUpperCase()}.Vigil.Example`, key],
    [`${key}.localhost:3000`, key],
  ])('takes the first label of Host %s', (host, expected) => {
    expect(akismetKeysOf(form(''), host)).toEqual([expected])
  })

  it.each([
    ['a bare localhost:3000', 'localhost:3000'],
    ['a bare 12-character name', `${key}:3000`],
    ['an IP address', '127.0.0.1:3000'],
    ['a plain host name', 'vigil.example'],
    ['an 11-character label', 'abcdef12345.vigil.example'],
    ['a 13-character label', 'abcdef1234567.vigil.example'],
    ['a label with a hyphen', 'abcdef-12345.vigil.example'],
    ['no Host at all', undefined],
  ])('finds no key in %s', (_, host) => {
    expect(akismetKeysOf(form(''), host)).toEqual([])
  })
})
