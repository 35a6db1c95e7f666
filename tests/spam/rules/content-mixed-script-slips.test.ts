import { describe, expect, it } from 'vitest'
import { mixedScript } from '../../../src/spam/rules/content/unicode.js'
import { contextOf } from './context.js'

/**
 * A reader of Greek or Russian who types a Latin acronym may hit its first or last letter before switching the
 * keyboard: a slip in the alphabet of their own text, not a disguise, which borrows letters of another alphabet
 * than the text's to pass for a Latin word.
 */

const disguises = (content: string, name?: string) => mixedScript.evaluate(contextOf(content, name))

describe('mixed-script: an acronym half typed in the text’s own alphabet is a keyboard slip', () => {
  it.each([
    ['a Greek Ν before Latin ATO in a Greek text', 'Η ΝATO δεν θα μας προστατεύσει από την Τουρκία.'],
    ['two Greek letters before the switch', 'Η ΝΑTO δεν θα μας προστατεύσει από την Τουρκία.'],
    ['a Cyrillic С before Latin NN in a Russian text', 'Об этом сообщил СNN вчера вечером.'],
    ['a Latin N before Cyrillic АТО in a Russian text', 'Россия давно называет NАТО угрозой.'],
  ])('%s', (_, content) => {
    expect(disguises(content)).toBeNull()
  })

  it('in an author name of its own alphabet too', () => {
    expect(disguises('Отличная статья.', 'Иван из СNN')).toBeNull()
  })
})

describe('mixed-script: disguises that look like slips are still caught', () => {
  it.each([
    ['the same acronym in a Latin text', 'Join ΝATO bonus club now, free spins', 'νato'],
    ['a word in small letters', 'Παίξτε στο cαsino τώρα, μπόνους για όλους', 'cαsino'],
    ['an acronym whose alphabets alternate', 'Η ΝAΤO δεν θα μας προστατεύσει από την Τουρκία.', 'νaτo'],
    ['a word in capitals longer than an acronym', 'ВЫИГРАЙ В САSINO СЕЙЧАС', 'саsino'],
    ['letters of a third alphabet', 'Об этом сообщил ΝATO вчера вечером.', 'νato'],
  ])('%s', (_, content, word) => {
    expect(disguises(content)?.detail).toContain(`“${word}”`)
  })

  it('in an author name of another alphabet than its own', () => {
    expect(disguises('Great post', 'Саsino Вonus')?.detail).toContain("in the author's name")
  })
})
