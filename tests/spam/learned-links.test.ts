import { describe, expect, it } from 'vitest'
import { analyseText } from '../../src/spam/analysis.js'
import { type Corpus, classify, type TokenCounts } from '../../src/spam/bayes/classifier.js'
import { tokenize } from '../../src/spam/bayes/tokenize.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { noFacts } from '../../src/spam/rules/types.js'
import { conclude, evaluateRules } from '../../src/spam/score.js'
import { readerComment } from './reader-comment.js'

// A reader the model never saw: the name teaches nothing either way.
const inputOf = readerComment

const tokensOf = (content: string) => {
  const input = inputOf(content, 'Reader')
  return tokenize(input, analyseText(content), analyseText(input.author.name), [])
}

/**
 * What a site's moderators taught when every comment with a link they decided was spam, and one genuine comment in
 * ten had one: as on a video site, or a news site's first weeks. Enough of each class for a mature model.
 */
function trainedOnLinkedSpam(): { site: Corpus; server: Corpus } {
  const tokens = new Map<string, TokenCounts>()
  const learn = (content: string, label: 'spam' | 'ham') => {
    const draft = evaluateRules(
      inputOf(content, label === 'spam' ? 'Promo' : 'Lecteur'),
      noFacts,
      defaultPolicy,
    )
    for (const token of new Set(draft.tokens)) {
      const counts = tokens.get(token) ?? { spam: 0, ham: 0 }
      counts[label]++
      tokens.set(token, counts)
    }
  }
  const spam = [
    'check my new channel',
    'subscribe to my page',
    'watch my latest video',
    'free gift cards here',
  ]
  const ham = [
    'Merci pour cet article, très clair sur les enjeux du sommet.',
    'I disagree with the minister, the figures say otherwise.',
    'Le gouvernement aurait dû consulter les syndicats avant.',
    'Good reporting, the interview with the mayor was fair.',
  ]
  const messages = 4 * defaultPolicy.learningMinMessages
  for (let n = 0; n < messages; n++) {
    learn(`${spam[n % spam.length]} https://www.promo${n}.example/offer/${n}`, 'spam')
    // One genuine comment in ten cites a source.
    learn(`${ham[n % ham.length]} (${n})${n % 10 === 0 ? ` https://www.news${n}.example/${n}` : ''}`, 'ham')
  }
  const corpus = { spamMessages: messages, hamMessages: messages, tokens }
  return { site: corpus, server: corpus }
}

const judged = (content: string, model: { site: Corpus; server: Corpus }) => {
  const draft = evaluateRules(inputOf(content, 'Reader'), noFacts, defaultPolicy)
  const bayes = classify(draft.tokens, model, { minMessages: defaultPolicy.learningMinMessages })
  return conclude(draft, bayes, defaultPolicy)
}

describe('what a link teaches the learned model', () => {
  it('is the link and where it leads, not the words every address spells out', () => {
    const tokens = tokensOf('Voir https://www.lemonde.fr/international/cop31 et www.rfi.fr')
    expect(tokens).toEqual(expect.arrayContaining(['l:2', 'u:www.lemonde.fr', 'u:lemonde.fr', 'u:rfi.fr']))
    expect(tokens).not.toEqual(expect.arrayContaining(['https']))
    expect(tokens.filter((token) => /\bhttps?\b|\bwww\b/.test(token) && !token.startsWith('u:'))).toEqual([])
  })

  it('keeps those words in a comment without a link, where they spell an address out by hand', () => {
    expect(tokensOf('allez sur www point promo point com')).toEqual(expect.arrayContaining(['www']))
  })

  it.each([
    'Вот оригинал интервью: https://meduza.io/feature/2026/11/28/interview — перевод неточный.',
    'Voir aussi l’analyse du Monde : https://www.lemonde.fr/international/article/2026/11/28/cop31',
    'Source: https://www.reuters.com/world/europe/talks-2026-11-28/ — the article misquotes the minister.',
    '원문 기사는 여기 있습니다: https://www.yna.co.kr/view/AKR20261128 번역이 조금 다르네요.',
  ])('never marks spam a reader citing a source because linked comments were spam before: %s', (content) => {
    const assessment = judged(content, trainedOnLinkedSpam())
    expect(assessment.verdict).not.toBe('spam')
  })

  it('still marks spam the linked spam it learned', () => {
    expect(
      judged('check my new channel https://www.promo-new.example/offer', trainedOnLinkedSpam()).verdict,
    ).toBe('spam')
  })
})
