import type { LookupAddress } from 'node:dns'
import { describe, expect, it } from 'vitest'
import { createHostLookup } from '../../src/webhooks/host-lookup.js'

/** A resolver whose answers the test gives by hand, recording which hosts it was asked for. */
function manualResolver() {
  const pending = new Map<string, { resolve: (a: LookupAddress[]) => void; reject: (e: Error) => void }>()
  const asked: string[] = []
  const resolve = (hostname: string) =>
    new Promise<LookupAddress[]>((resolveHost, rejectHost) => {
      asked.push(hostname)
      pending.set(hostname, { resolve: resolveHost, reject: rejectHost })
    })
  const answer = (hostname: string, address = '93.184.215.14') =>
    pending.get(hostname)?.resolve([{ address, family: 4 }])
  const fail = (hostname: string, error: Error) => pending.get(hostname)?.reject(error)
  return { resolve, asked, answer, fail }
}

const settled = () => new Promise((resolve) => setImmediate(resolve))

describe('createHostLookup', () => {
  it('runs at most `concurrency` resolutions at once, the others in the order they were asked for', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 2, resolve: resolver.resolve })
    const answers = ['a.test', 'b.test', 'c.test', 'd.test'].map((host) => lookup(host))
    await settled()
    expect(resolver.asked).toEqual(['a.test', 'b.test'])

    resolver.answer('b.test')
    await expect(answers[1]).resolves.toEqual([{ address: '93.184.215.14', family: 4 }])
    await settled()
    expect(resolver.asked).toEqual(['a.test', 'b.test', 'c.test'])

    resolver.answer('a.test')
    resolver.answer('c.test')
    await settled()
    expect(resolver.asked).toEqual(['a.test', 'b.test', 'c.test', 'd.test'])
    resolver.answer('d.test')
    await expect(Promise.all(answers)).resolves.toHaveLength(4)
  })

  it("passes the resolver's error on and frees the slot", async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 1, resolve: resolver.resolve })
    const failing = lookup('nowhere.test')
    const next = lookup('next.test')
    resolver.fail('nowhere.test', Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))
    await expect(failing).rejects.toMatchObject({ code: 'ENOTFOUND' })
    await settled()
    expect(resolver.asked).toEqual(['nowhere.test', 'next.test'])
    resolver.answer('next.test')
    await expect(next).resolves.toHaveLength(1)
  })

  it('drops a caller whose signal aborts while it waits: its host is never resolved', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 1, resolve: resolver.resolve })
    const hung = lookup('hung.test')
    const impatient = new AbortController()
    const dropped = lookup('dropped.test', impatient.signal)
    const after = lookup('after.test')
    impatient.abort(new Error('attempt over'))
    await expect(dropped).rejects.toThrow('attempt over')

    resolver.answer('hung.test')
    await hung
    await settled()
    expect(resolver.asked).toEqual(['hung.test', 'after.test'])
    resolver.answer('after.test')
    await expect(after).resolves.toHaveLength(1)
  })

  it('answers an aborted caller at once, but keeps its slot until the resolver returns', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 1, resolve: resolver.resolve })
    const impatient = new AbortController()
    const running = lookup('slow.test', impatient.signal)
    const next = lookup('next.test')
    impatient.abort(new Error('attempt over'))
    await expect(running).rejects.toThrow('attempt over')
    await settled()
    // A getaddrinfo call cannot be cancelled: the thread it holds is still held.
    expect(resolver.asked).toEqual(['slow.test'])

    resolver.answer('slow.test')
    await settled()
    expect(resolver.asked).toEqual(['slow.test', 'next.test'])
    resolver.answer('next.test')
    await expect(next).resolves.toHaveLength(1)
  })

  it('refuses at once a caller whose signal has already aborted', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ resolve: resolver.resolve })
    await expect(lookup('late.test', AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late')
    expect(resolver.asked).toEqual([])
  })

  // One receiver's name server that stops answering must not take every slot from the other receivers' hosts.
  it('resolves a host once for all the callers asking for it meanwhile: a hung host holds one slot, not all', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 2, resolve: resolver.resolve })
    const hung = [lookup('hung.test'), lookup('hung.test'), lookup('hung.test')]
    const other = lookup('other.test')
    await settled()
    expect(resolver.asked).toEqual(['hung.test', 'other.test'])
    resolver.answer('other.test')
    await expect(other).resolves.toHaveLength(1)

    resolver.answer('hung.test', '93.184.215.15')
    for (const answer of hung)
      await expect(answer).resolves.toEqual([{ address: '93.184.215.15', family: 4 }])
  })

  it('gives every caller of a shared resolution its error', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 1, resolve: resolver.resolve })
    const both = [lookup('nowhere.test'), lookup('nowhere.test')]
    resolver.fail('nowhere.test', Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))
    for (const answer of both) await expect(answer).rejects.toMatchObject({ code: 'ENOTFOUND' })
  })

  it('lets one caller of a shared resolution leave without taking the answer from the others', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 1, resolve: resolver.resolve })
    const blocking = lookup('first.test')
    const impatient = new AbortController()
    const left = lookup('shared.test', impatient.signal)
    const stays = lookup('shared.test')
    impatient.abort(new Error('attempt over'))
    await expect(left).rejects.toThrow('attempt over')

    resolver.answer('first.test')
    await blocking
    await settled()
    // Still wanted by one caller: it keeps its place in the line.
    expect(resolver.asked).toEqual(['first.test', 'shared.test'])
    resolver.answer('shared.test')
    await expect(stays).resolves.toHaveLength(1)
  })

  it('drops a waiting host from the line once every caller asking for it has left', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ concurrency: 1, resolve: resolver.resolve })
    const blocking = lookup('first.test')
    const callers = [new AbortController(), new AbortController()]
    const gone = callers.map((caller) => lookup('gone.test', caller.signal))
    const after = lookup('after.test')
    for (const caller of callers) caller.abort(new Error('attempt over'))
    for (const answer of gone) await expect(answer).rejects.toThrow('attempt over')

    resolver.answer('first.test')
    await blocking
    await settled()
    expect(resolver.asked).toEqual(['first.test', 'after.test'])
    resolver.answer('after.test')
    await expect(after).resolves.toHaveLength(1)
  })

  // The SSRF guard checks the addresses of every connection: an answer kept for later would skip that check.
  it('asks again for a host once its resolution is over: no answer is kept', async () => {
    const resolver = manualResolver()
    const lookup = createHostLookup({ resolve: resolver.resolve })
    const first = lookup('again.test')
    resolver.answer('again.test')
    await first
    const second = lookup('again.test')
    await settled()
    expect(resolver.asked).toEqual(['again.test', 'again.test'])
    resolver.answer('again.test')
    await expect(second).resolves.toHaveLength(1)
  })
})
