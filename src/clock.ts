/** Time, injected so tests can hold it still or move it forward. */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }
