import type { Assessment, Reason } from '../spam/score.js'

/**
 * A site's own word that a comment is to be published: an Akismet client naming the site's administrator as the
 * author (`user_role`). Intake stores such a comment approved with this reason first, whatever the policy, and a
 * policy preview replays it the same way, so the reason is the one place both read it from.
 */
export const SITE_ADMINISTRATOR: Reason = {
  rule: 'site-administrator',
  score: 0,
  detail:
    'The site reported the author as one of its administrators (Akismet user_role), whose comments are never spam.',
}

/** The engine's assessment under the site's own approval: never blatant, the site's reason first. */
export function approvedBy(assessment: Assessment, reason: Reason): Assessment {
  return { ...assessment, verdict: 'approved', blatant: false, reasons: [reason, ...assessment.reasons] }
}

/** The site's approval a stored comment's reasons carry, if they carry one. */
export const siteApprovalIn = (reasons: readonly Reason[]): Reason | undefined =>
  reasons.find((reason) => reason.rule === SITE_ADMINISTRATOR.rule)
