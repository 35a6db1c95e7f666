import fc from 'fast-check'

/** Strings in a counterexample longer than this are shown by their start, their length and what they repeat. */
const SHOWN_CHARACTERS = 120

/** A string as a reader of a failure needs it: escaped (so invisible characters show) and, when long, shortened. */
function describeString(text: string): string {
  const escaped = (part: string) =>
    JSON.stringify(part).replace(
      /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/gu,
      (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
    )
  if (text.length <= SHOWN_CHARACTERS) return escaped(text)
  return `${escaped(text.slice(0, SHOWN_CHARACTERS))}… (${text.length} UTF-16 units, ${[...text].length} code points)`
}

/** A counterexample with every long string shortened: a 20 000-character value must not flood the report. */
export function describeValue(value: unknown): string {
  return JSON.stringify(value, (_, field) => (typeof field === 'string' ? describeString(field) : field), 2)
}

/**
 * `fc.assert`, with a report that stays readable when the counterexample holds huge strings: the seed and path to
 * replay it, the shrunk counterexample with long strings shortened, and the error it raised.
 */
export async function assertProperty<Ts>(
  property: fc.IRawProperty<Ts>,
  parameters: fc.Parameters<Ts>,
): Promise<void> {
  const details = await fc.check(property, parameters)
  if (!details.failed) return
  const error = details.errorInstance
  const reason = error instanceof Error ? error.message : String(error)
  throw new Error(
    [
      `Property failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s).`,
      `Replay with { seed: ${details.seed}, path: ${JSON.stringify(details.counterexamplePath)} }.`,
      `Counterexample: ${describeValue(details.counterexample)}`,
      `Error: ${reason.length > 4000 ? `${reason.slice(0, 4000)}…` : reason}`,
    ].join('\n'),
  )
}
