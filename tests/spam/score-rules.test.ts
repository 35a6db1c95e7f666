import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../../src/spam/policy.js'
import { noFacts } from '../../src/spam/rules/types.js'
import { assessComment } from '../../src/spam/score.js'
import { approvedWithout, input, policy, ruleIds, twoLinks, weightOf } from './scoring.js'

/** What the site's own rules make of a comment: the honeypot, its blocked and held terms, its link limit. */

describe('assessComment', () => {
  it('approves an ordinary comment with a score of 0 and no reasons', () => {
    expect(assessComment(input(), noFacts, defaultPolicy)).toMatchObject(approvedWithout)
  })

  describe('honeypot', () => {
    it('marks a comment whose hidden field was filled in as blatant spam', () => {
      const assessment = assessComment(input({ honeypot: 'http://bot.example' }), noFacts, defaultPolicy)
      expect(assessment).toMatchObject({ verdict: 'spam', score: weightOf('honeypot'), blatant: true })
      expect(ruleIds(assessment)).toEqual(['honeypot'])
    })

    it.each([
      ['null', null],
      ['empty', ''],
      ['only whitespace', ' \n\t'],
    ])('ignores a hidden field that is %s', (_, honeypot) => {
      expect(assessComment(input({ honeypot }), noFacts, defaultPolicy).verdict).toBe('approved')
    })
  })

  describe("the site's terms", () => {
    it('marks a comment containing a blocked term as spam and quotes the term', () => {
      const assessment = assessComment(
        input({ content: 'Le meilleur CASINO de la ville' }),
        noFacts,
        policy({ blockedTerms: ['casino'] }),
      )
      expect(assessment).toMatchObject({
        verdict: 'spam',
        score: weightOf('blocked-term'),
        reasons: [
          {
            rule: 'blocked-term',
            score: weightOf('blocked-term'),
            detail: expect.stringContaining('“casino”'),
          },
        ],
      })
    })

    it('looks for blocked terms in the author name too', () => {
      const assessment = assessComment(
        input({ author: { name: 'Casino Royale Bonus' } }),
        noFacts,
        policy({ blockedTerms: ['casino'] }),
      )
      expect(assessment.verdict).toBe('spam')
    })

    it('finds a blocked term the site copied from a disguised spam, in that spam and its plain spelling', () => {
      // "vіagra" with a Cyrillic і, "ᴄᴀsino" in small capitals: the text is read as its Latin skeleton, so is the term.
      const blocking = policy({ blockedTerms: ['vіagra', 'ᴄᴀsino'] })
      for (const content of ['Cheap vіagra here', 'Cheap viagra here', 'Best ᴄᴀsino', 'Best casino'])
        expect(ruleIds(assessComment(input({ content }), noFacts, blocking)), content).toContain(
          'blocked-term',
        )
    })

    it('finds a blocked term in Turkish capitals, where i is written İ', () => {
      const blocking = policy({ blockedTerms: ['iddaa'] })
      const assessment = assessComment(input({ content: 'İDDAA kuponları burada' }), noFacts, blocking)
      expect(ruleIds(assessment)).toContain('blocked-term')
    })

    it('finds a term with a dotless ı in Turkish capitals, where ı is written I', () => {
      const holding = policy({ heldTerms: ['canlı bahis'] })
      const assessment = assessComment(input({ content: 'CANLI BAHİS için tıklayın' }), noFacts, holding)
      expect(ruleIds(assessment)).toContain('held-term')
    })

    it('holds a comment containing a held term for a moderator, whatever its score', () => {
      const assessment = assessComment(
        input({ content: 'Parlons de crypto ce soir.' }),
        noFacts,
        policy({ heldTerms: ['crypto'], thresholds: { hold: 20, spam: 40 } }),
      )
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['held-term'])
    })

    it('adds up a blocked and a held term, and the blocked one decides', () => {
      const assessment = assessComment(
        input({ content: 'crypto casino' }),
        noFacts,
        policy({ blockedTerms: ['casino'], heldTerms: ['crypto'] }),
      )
      expect(assessment.verdict).toBe('spam')
      expect(assessment.score).toBe(weightOf('blocked-term') + weightOf('held-term'))
    })

    it('does not fire on a term hidden inside an innocent word', () => {
      const assessment = assessComment(
        input({ content: 'A classic assessment from Scunthorpe.' }),
        noFacts,
        policy({ blockedTerms: ['ass', 'cunt'] }),
      )
      expect(assessment).toMatchObject(approvedWithout)
    })
  })

  describe('links', () => {
    it('holds a comment with as many links as the policy allows', () => {
      const assessment = assessComment(input({ content: twoLinks }), noFacts, defaultPolicy)
      expect(assessment.verdict).toBe('pending')
      expect(ruleIds(assessment)).toEqual(['links'])
      expect(assessment.reasons[0]?.detail).toMatch(
        /^Contains 2 links .*; this site holds comments with 2 or more\.$/,
      )
    })

    it('approves a comment citing one source', () => {
      const assessment = assessComment(
        input({ content: 'Source : https://a.example' }),
        noFacts,
        defaultPolicy,
      )
      expect(assessment.verdict).toBe('approved')
      expect(ruleIds(assessment)).toEqual(['links'])
    })

    it('holds a single link when the limit is 1', () => {
      const assessment = assessComment(
        input({ content: 'Source : https://a.example' }),
        noFacts,
        policy({ maxLinks: 1 }),
      )
      expect(assessment.verdict).toBe('pending')
    })

    it('no longer forces a hold with maxLinks 0: two links only weigh their points', () => {
      const assessment = assessComment(input({ content: twoLinks }), noFacts, policy({ maxLinks: 0 }))
      expect(assessment.verdict).toBe('approved')
      expect(assessment.reasons[0]?.detail).not.toContain('holds')
    })
  })
})
