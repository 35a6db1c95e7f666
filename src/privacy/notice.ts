import { createHash } from 'node:crypto'
import type { Config } from '../config.js'

export type NoticeLanguage = 'en' | 'fr'

const STYLE =
  'body{font:16px/1.55 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}' +
  'h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.6rem}table{border-collapse:collapse;width:100%}' +
  'th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #ddd}' +
  'nav{font-size:.9rem}'

/** The page's one inline style, allowed by its hash: nothing else may load or run. */
export const NOTICE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors *`

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const days = (n: number, language: NoticeLanguage) =>
  language === 'fr' ? `${n} jour${n > 1 ? 's' : ''}` : `${n} day${n === 1 ? '' : 's'}`

type Row = [what: string, why: string, kept: string]

function rows(config: Config, language: NoticeLanguage): Row[] {
  const { ipRetentionDays: ip, spamRetentionDays: spam } = config.privacy
  const log = config.webhooks.logRetentionDays
  if (language === 'fr') {
    return [
      [
        'Votre nom, votre commentaire, l’adresse de votre site',
        'Publier le commentaire.',
        'Tant que le commentaire est publié, ou jusqu’à votre demande d’effacement.',
      ],
      [
        'Votre adresse e-mail',
        'Permettre au site de vous répondre ; reconnaître vos commentaires précédents. Elle n’est jamais publiée.',
        'Comme le commentaire. Une empreinte chiffrée de l’adresse (HMAC, qui ne permet pas de la retrouver) compte aussi vos commentaires acceptés et indésirables, pour la réputation : conservée jusqu’à votre demande d’effacement.',
      ],
      [
        'Votre adresse IP, votre navigateur (user agent) et la page d’où vous venez (referrer)',
        'Repérer le spam et les envois en rafale.',
        `${days(ip, language)}. Ensuite ne reste qu’une empreinte chiffrée (HMAC avec une clé secrète du serveur) de l’adresse IP, qui ne permet pas de la retrouver, utilisée pour limiter les envois et pour la réputation : conservée avec le commentaire, et dans les comptes des commentaires acceptés et indésirables venus de cette adresse jusqu’à votre demande d’effacement.`,
      ],
      [
        'Les raisons du verdict (règles déclenchées, score)',
        'Expliquer aux modérateurs pourquoi un commentaire est retenu.',
        'Comme le commentaire.',
      ],
      [
        'Commentaires jugés indésirables ou refusés',
        'Permettre aux modérateurs de corriger une erreur.',
        `${days(spam, language)} après la décision, puis supprimés ; ceux auxquels des réponses conservées s'adressent sont vidés de leur texte et de leur auteur.`,
      ],
      [
        'Notifications envoyées au site (webhooks)',
        'Tenir le site informé des décisions.',
        `${days(log, language)}, puis supprimées.`,
      ],
    ]
  }
  return [
    [
      'Your name, your comment, your website address',
      'To publish the comment.',
      'As long as the comment is published, or until you ask for erasure.',
    ],
    [
      'Your e-mail address',
      'So the site can answer you, and to recognise your earlier comments. It is never published.',
      'As the comment. A keyed fingerprint of it (an HMAC, from which the address cannot be recovered) also counts your accepted and spam comments, for reputation: kept until you ask for erasure.',
    ],
    [
      'Your IP address, your browser (user agent) and the page you came from (referrer)',
      'To detect spam and floods.',
      `${days(ip, language)}. After that only a keyed fingerprint of the IP address remains (an HMAC with a secret of the server), from which the address cannot be recovered, used for rate limits and reputation: kept with the comment, and in the counts of accepted and spam comments from that address until you ask for erasure.`,
    ],
    [
      'Why the comment was held or accepted (rules that fired, score)',
      'To explain the verdict to moderators.',
      'As the comment.',
    ],
    [
      'Comments judged spam or rejected',
      'So moderators can correct a mistake.',
      `${days(spam, language)} after the decision, then deleted; those that kept replies answer are emptied of their text and author instead.`,
    ],
    [
      'Notifications sent to the site (webhooks)',
      'To keep the site informed of decisions.',
      `${days(log, language)}, then deleted.`,
    ],
  ]
}

const text = {
  en: {
    title: 'How your comment data is processed',
    intro: (site: string) =>
      `Comments on ${site} are moderated by Vigil, a moderation service the site runs itself. Your data stays with the site: it is not sent to any third party, and no spam-filtering company sees it.`,
    tableHead: ['What', 'Why', 'How long it is kept'],
    whoTitle: 'Who can see it',
    who: 'Readers see your name, your website address and your comment once it is approved. The site’s moderators see the rest, to moderate. Nobody else.',
    decisionsTitle: 'Automated decisions',
    decisions:
      'Each comment is scored by explainable rules and by a model that learns from the site’s moderators. A comment is never rejected by the machine alone without a moderator being able to review it, and every verdict comes with its reasons.',
    rightsTitle: 'Your rights',
    rights:
      'You can ask the site for a copy of everything held about your e-mail address, or for its erasure: your comments are then deleted, or anonymised where other readers replied to them. Only a keyed fingerprint of the address (an HMAC) and the date are kept, so that copies of those comments the site still holds are not taken in again. Write to the site’s editors; they act on it through Vigil at once.',
  },
  fr: {
    title: 'Comment sont traitées les données de vos commentaires',
    intro: (site: string) =>
      `Les commentaires de ${site} sont modérés par Vigil, un service de modération que le site héberge lui-même. Vos données restent chez le site : elles ne sont transmises à aucun tiers, et aucune société de filtrage du spam ne les voit.`,
    tableHead: ['Quoi', 'Pourquoi', 'Durée de conservation'],
    whoTitle: 'Qui peut les voir',
    who: 'Les lecteurs voient votre nom, l’adresse de votre site et votre commentaire une fois approuvé. Les modérateurs du site voient le reste, pour modérer. Personne d’autre.',
    decisionsTitle: 'Décisions automatisées',
    decisions:
      'Chaque commentaire est évalué par des règles explicables et par un modèle qui apprend des décisions des modérateurs du site. Un commentaire n’est jamais écarté par la machine sans qu’un modérateur puisse le revoir, et chaque verdict est accompagné de ses raisons.',
    rightsTitle: 'Vos droits',
    rights:
      'Vous pouvez demander au site une copie de tout ce qui est conservé au sujet de votre adresse e-mail, ou son effacement : vos commentaires sont alors supprimés, ou anonymisés lorsque d’autres lecteurs y ont répondu. Seules une empreinte chiffrée de l’adresse (HMAC) et la date sont conservées, pour que les copies de ces commentaires que le site détient encore ne soient pas reprises. Écrivez à la rédaction du site ; elle agit immédiatement via Vigil.',
  },
} as const

/**
 * The privacy notice a site links under its comment form, written from the running configuration: every
 * retention period it states is the one this Vigil applies.
 */
export function privacyNotice(
  config: Config,
  language: NoticeLanguage,
  site: { id: string; name: string } | null,
): string {
  const t = text[language]
  const siteName = site?.name ?? (language === 'fr' ? 'ce site' : 'this site')
  const siteQuery = site ? `&amp;site=${encodeURIComponent(site.id)}` : ''
  const body = rows(config, language)
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')
  const other = language === 'fr' ? ['en', 'English'] : ['fr', 'Français']
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav><a href="?lang=${other[0]}${siteQuery}" hreflang="${other[0]}">${other[1]}</a></nav>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro(siteName))}</p>
<table>
<thead><tr>${t.tableHead.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<h2>${escapeHtml(t.whoTitle)}</h2>
<p>${escapeHtml(t.who)}</p>
<h2>${escapeHtml(t.decisionsTitle)}</h2>
<p>${escapeHtml(t.decisions)}</p>
<h2>${escapeHtml(t.rightsTitle)}</h2>
<p>${escapeHtml(t.rights)}</p>
</body>
</html>
`
}
