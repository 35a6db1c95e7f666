import type { LookupAddress, LookupOptions } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import {
  checkWebhookUrl,
  forbiddenAddressReason,
  guardedLookup,
  type WebhookGuardOptions,
} from '../../src/webhooks/address-guard.js'

// A few made-up names answered without any network; every other name (only `localhost` here) really resolves.
const fakeDns = vi.hoisted(() => {
  const records: Record<string, { address: string; family: number }[]> = {
    'public.example.test': [{ address: '93.184.215.14', family: 4 }],
    'private.example.test': [{ address: '10.0.0.5', family: 4 }],
    'metadata.example.test': [{ address: '169.254.169.254', family: 4 }],
    'mapped.example.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
    'mixed.example.test': [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  }
  const notFound = (hostname: string) =>
    Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })
  return { records, notFound, calls: [] as string[] }
})

vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>()
  const lookup = async (hostname: string, options: LookupOptions) => {
    fakeDns.calls.push(hostname)
    if (hostname.endsWith('.test')) {
      const records = fakeDns.records[hostname]
      if (!records) throw fakeDns.notFound(hostname)
      return records
    }
    return real.lookup(hostname, options)
  }
  return { ...real, lookup }
})

vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns')>()
  const lookup = (hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    fakeDns.calls.push(hostname)
    if (!hostname.endsWith('.test')) return real.lookup(hostname, options, callback)
    const records = fakeDns.records[hostname]
    process.nextTick(() => (records ? callback(null, records) : callback(fakeDns.notFound(hostname))))
  }
  return { ...real, lookup }
})

const guard = { allowPrivateNetworks: false }

async function refusal(raw: string, options: WebhookGuardOptions = guard): Promise<string> {
  const checked = await checkWebhookUrl(raw, options)
  if (checked.ok) throw new Error(`${raw} was accepted`)
  return checked.reason
}

describe('checkWebhookUrl, IP literals', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1', /loopback/],
    ['https://127.1.2.3:8443/hook', '127.1.2.3', /loopback/],
    // WHATWG URL normalises hexadecimal, decimal and octal IPv4 forms before anything else sees them.
    ['http://0x7f000001/', '127.0.0.1', /loopback/],
    ['http://2130706433/', '127.0.0.1', /loopback/],
    ['http://0177.0.0.1/', '127.0.0.1', /loopback/],
    ['http://127.1/', '127.0.0.1', /loopback/],
    ['http://10.1.2.3/', '10.1.2.3', /private/],
    ['http://172.16.0.1/', '172.16.0.1', /private/],
    ['http://172.31.255.255/', '172.31.255.255', /private/],
    ['http://192.168.1.1/', '192.168.1.1', /private/],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254', /link-local.*metadata/],
    ['http://100.64.0.1/', '100.64.0.1', /carrier-grade NAT/],
    ['http://100.127.255.254/', '100.127.255.254', /carrier-grade NAT/],
    ['http://0.0.0.0/', '0.0.0.0', /unspecified/],
    ['http://0/', '0.0.0.0', /unspecified/],
    ['http://224.0.0.1/', '224.0.0.1', /multicast/],
    ['http://255.255.255.255/', '255.255.255.255', /broadcast/],
    ['http://240.0.0.1/', '240.0.0.1', /reserved/],
    ['http://192.0.2.10/', '192.0.2.10', /reserved/],
    ['http://198.18.0.1/', '198.18.0.1', /reserved/],
    ['http://[::1]/', '::1', /loopback/],
    ['http://[::]/', '::', /unspecified/],
    ['http://[fe80::1]/', 'fe80::1', /link-local/],
    ['http://[febf::1]/', 'febf::1', /link-local/],
    ['http://[fc00::1]/', 'fc00::1', /unique-local/],
    ['http://[fd12:3456:789a::1]/', 'fd12:3456:789a::1', /unique-local/],
    ['http://[ff02::1]/', 'ff02::1', /multicast/],
    ['http://[fec0::1]/', 'fec0::1', /site-local/],
    ['http://[2001:db8::1]/', '2001:db8::1', /reserved/],
    // IPv4-mapped addresses are judged by the IPv4 address they embed (URL rewrites them in hexadecimal).
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', /loopback/],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe', /link-local/],
    ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1', /private/],
    ['http://[::ffff:0:127.0.0.1]/', '::ffff:0:7f00:1', /reserved/],
    ['http://[::127.0.0.1]/', '::7f00:1', /IPv4-compatible/],
    ['http://[64:ff9b::10.0.0.1]/', '64:ff9b::a00:1', /private/],
    ['http://[64:ff9b:1::1]/', '64:ff9b:1::1', /reserved/],
    ['http://[2002:7f00:1::1]/', '2002:7f00:1::1', /loopback/],
    ['http://[2002:c0a8:101::1]/', '2002:c0a8:101::1', /private/],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', '2001:0:4136:e378:8000:63bf:3fff:fdd2', /teredo/],
  ])('refuses %s', async (raw, address, kind) => {
    const reason = await refusal(raw)
    expect(reason).toContain(`address ${address} is`)
    expect(reason).toMatch(kind)
    expect(reason).toMatch(/not a public address\.$/)
  })

  it.each([
    'http://93.184.215.14/',
    'https://8.8.8.8:8443/hooks?token=abc',
    'http://172.15.255.255/',
    'http://172.32.0.1/',
    'http://100.63.255.255/',
    'http://100.128.0.1/',
    'http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/',
    'http://[::ffff:93.184.215.14]/',
    'http://[64:ff9b::93.184.215.14]/',
    'http://[2002:5db8:d70e::1]/',
  ])('accepts the public address %s without a DNS lookup', async (raw) => {
    fakeDns.calls.length = 0
    const checked = await checkWebhookUrl(raw, guard)
    expect(checked).toEqual({ ok: true, url: new URL(raw) })
    expect(fakeDns.calls).toEqual([])
  })
})

describe('checkWebhookUrl, everything else', () => {
  it.each([
    'ftp://93.184.215.14/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:application/json,{}',
    'ws://93.184.215.14/',
    'gopher://93.184.215.14/',
  ])('refuses the scheme of %s', async (raw) => {
    expect(await refusal(raw)).toBe('The webhook URL must use http or https.')
  })

  it.each(['not a url', '/relative/path', '', 'http://'])('refuses %j as not a URL', async (raw) => {
    expect(await refusal(raw)).toBe('The webhook URL is not a valid absolute URL.')
  })

  it.each([
    'http://user:hunter2@93.184.215.14/',
    'https://user@public.example.test/',
    'https://:hunter2@public.example.test/',
  ])('refuses credentials in %s without repeating them', async (raw) => {
    const reason = await refusal(raw)
    expect(reason).toBe('The webhook URL must not contain a user name or password.')
    expect(reason).not.toMatch(/hunter2|user@/)
  })

  it.each([
    'http://localhost/',
    'http://LOCALHOST:3000/',
    'http://localhost./',
    'https://api.localhost/hook',
  ])('refuses the local name in %s without resolving it', async (raw) => {
    fakeDns.calls.length = 0
    expect(await refusal(raw)).toMatch(
      /^The webhook host \S*localhost\.? is a local name, not a public address\.$/,
    )
    expect(fakeDns.calls).toEqual([])
  })

  it('accepts a hostname that resolves only to public addresses', async () => {
    const checked = await checkWebhookUrl('https://public.example.test/hook', guard)
    expect(checked).toEqual({ ok: true, url: new URL('https://public.example.test/hook') })
  })

  it.each([
    ['private.example.test', '10.0.0.5', /private/],
    ['metadata.example.test', '169.254.169.254', /link-local/],
    ['mapped.example.test', '::ffff:127.0.0.1', /loopback/],
    ['mixed.example.test', '127.0.0.1', /loopback/],
  ])('refuses %s, which resolves to %s', async (host, address, kind) => {
    const reason = await refusal(`https://${host}/hook?secret=s3cr3t`)
    expect(reason).toContain(`The webhook host ${host} resolves to ${address}, which is`)
    expect(reason).toMatch(kind)
    expect(reason).not.toContain('s3cr3t')
  })

  it('refuses a hostname that does not resolve', async () => {
    expect(await refusal('https://nowhere.example.test/')).toBe(
      'The webhook host nowhere.example.test does not resolve to any address.',
    )
  })

  it('refuses a hostname that does not resolve within its deadline, without waiting for the resolver', async () => {
    const started = Date.now()
    const reason = await refusal('https://slow.example.test/', {
      ...guard,
      lookupHost: () => new Promise(() => {}),
      lookupTimeoutMs: 50,
    })
    expect(reason).toBe('The webhook host slow.example.test did not resolve within 50 ms.')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it("resolves through the process's own look-up when it is given one", async () => {
    const asked: string[] = []
    const lookupHost = async (hostname: string) => {
      asked.push(hostname)
      return [{ address: '10.1.2.3', family: 4 }]
    }
    expect(await refusal('https://intranet.example.test/', { ...guard, lookupHost })).toMatch(
      /10\.1\.2\.3.*private/,
    )
    expect(asked).toEqual(['intranet.example.test'])
  })

  it('with private networks allowed, checks only the scheme and credentials', async () => {
    const open = { allowPrivateNetworks: true }
    fakeDns.calls.length = 0
    for (const raw of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://169.254.169.254/',
      'http://[::1]/',
    ]) {
      expect(await checkWebhookUrl(raw, open)).toEqual({ ok: true, url: new URL(raw) })
    }
    expect(await checkWebhookUrl('https://private.example.test/', open)).toMatchObject({ ok: true })
    expect(fakeDns.calls).toEqual([])
    expect(await refusal('ftp://127.0.0.1/', open)).toMatch(/http or https/)
    expect(await refusal('http://a:b@127.0.0.1/', open)).toMatch(/user name or password/)
  })
})

describe('forbiddenAddressReason', () => {
  it('is null for public unicast addresses and a label otherwise', () => {
    expect(forbiddenAddressReason('93.184.215.14')).toBeNull()
    expect(forbiddenAddressReason('2606:4700::1111')).toBeNull()
    expect(forbiddenAddressReason('127.0.0.1')).toBe('a loopback address')
    expect(forbiddenAddressReason('fe80::1%eth0')).toMatch(/link-local/)
    expect(forbiddenAddressReason('example.com')).toBe('not an IP address')
  })
})

type Resolved = { address: string | LookupAddress[]; family: number | undefined }

function resolveWith(lookup: LookupFunction, hostname: string, options: LookupOptions): Promise<Resolved> {
  return new Promise((resolve, reject) => {
    lookup(hostname, options, (error, address, family) =>
      error ? reject(error) : resolve({ address, family }),
    )
  })
}

describe('guardedLookup', () => {
  it('answers the single-address form and the all: true form Node uses with autoSelectFamily', async () => {
    const lookup = guardedLookup(false)
    expect(await resolveWith(lookup, 'public.example.test', {})).toEqual({
      address: '93.184.215.14',
      family: 4,
    })
    expect(await resolveWith(lookup, 'public.example.test', { all: true })).toEqual({
      address: [{ address: '93.184.215.14', family: 4 }],
      family: undefined,
    })
  })

  it.each([{}, { all: true }])(
    'refuses localhost, which resolves to loopback (options %j)',
    async (options) => {
      await expect(resolveWith(guardedLookup(false), 'localhost', options)).rejects.toMatchObject({
        code: 'EWEBHOOKADDRESS',
        message: expect.stringMatching(
          /^The webhook host localhost resolves to (127\.0\.0\.1|::1), which is a loopback/,
        ),
      })
    },
  )

  it('refuses a name when any one of its addresses is forbidden', async () => {
    await expect(
      resolveWith(guardedLookup(false), 'mixed.example.test', { all: true }),
    ).rejects.toMatchObject({
      code: 'EWEBHOOKADDRESS',
    })
  })

  it('passes DNS failures through with their own code', async () => {
    await expect(resolveWith(guardedLookup(false), 'nowhere.example.test', {})).rejects.toMatchObject({
      code: 'ENOTFOUND',
    })
  })

  it('keeps only the addresses of the family asked for', async () => {
    const lookupHost = async () => [
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      { address: '93.184.215.14', family: 4 },
    ]
    expect(await resolveWith(guardedLookup(false, lookupHost), 'dual.example.test', { family: 4 })).toEqual({
      address: '93.184.215.14',
      family: 4,
    })
  })

  it('with private networks allowed, resolves localhost', async () => {
    const { address } = await resolveWith(guardedLookup(true), 'localhost', { all: true })
    expect(address).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    )
    const single = await resolveWith(guardedLookup(true), 'localhost', {})
    expect(single.address).toMatch(/^(127\.0\.0\.1|::1)$/)
  })
})
