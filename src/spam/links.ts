// Each alternative is one way a link is written in a comment: a bare URL, a www. host, an HTML anchor, BBCode.
const LINK_PATTERN =
  /https?:\/\/[^\s<>"'\]]+|(?<![\p{L}\p{N}.@/])www\.[\p{L}\p{N}-]+\.[^\s<>"'\]]+|<a\s[^>]*href|\[url[=\]]/giu

/** How many links a comment's text carries, in any of the forms spammers use. */
export function countLinks(text: string): number {
  let count = 0
  for (const match of text.matchAll(LINK_PATTERN)) {
    // An anchor or BBCode tag whose target is a plain URL would otherwise be counted twice.
    if (/^(<a|\[url)/i.test(match[0])) {
      const rest = text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 12)
      if (/^\s*=?\s*["']?(https?:\/\/|www\.)/i.test(rest)) continue
    }
    count++
  }
  return count
}
