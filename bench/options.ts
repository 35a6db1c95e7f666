/**
 * The benchmarks' command-line options: whole numbers, each with a default and a minimum, and on/off flags.
 * A value that is not a whole number at least its minimum stops the script with a one-line message.
 */
import { parseArgs } from 'node:util'

type NumberSpec = { default: number; min: number }

export function benchOptions<Name extends string, Flag extends string = never>(
  numbers: Record<Name, NumberSpec>,
  flags: readonly Flag[] = [],
): Record<Name, number> & Record<Flag, boolean> {
  const specs = Object.entries(numbers) as [Name, NumberSpec][]
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(
        specs.map(([name, spec]) => [name, { type: 'string', default: String(spec.default) }]),
      ),
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean', default: false }])),
    } as Record<string, { type: 'string' | 'boolean'; default: string | boolean }>,
  })
  const result: Record<string, number | boolean> = {}
  for (const [name, spec] of specs) {
    const value = Number(values[name])
    if (!Number.isInteger(value) || value < spec.min)
      throw new Error(`--${name} must be a whole number ≥ ${spec.min}`)
    result[name] = value
  }
  for (const flag of flags) result[flag] = values[flag] === true
  return result as Record<Name, number> & Record<Flag, boolean>
}
