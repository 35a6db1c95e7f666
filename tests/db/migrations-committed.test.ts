import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrationsFolder } from '../../src/db/migrate.js'

/**
 * A migration runs once on each database, by its date: changed after it was committed, it never reaches the
 * databases that already ran it, and with a new date it runs again on them (0012 and 0014 were, and 0023 repairs
 * what that did). So every committed migration is pinned here by its date and the hash of its text: a change is
 * a new migration, and a new migration adds its line.
 */
const COMMITTED: readonly (readonly [tag: string, when: number, sha256: string])[] = [
  ['0000_init', 1795917307800, '3446020398567b436f0d6fd34856d678c7abe593c27499efd656d01229b7c6a6'],
  ['0001_spam_engine', 1795919027310, '9ddacd5dfb971941270cd350d158b1070c9da4ac8899357699bf46f587f72967'],
  ['0002_webhooks', 1795927415421, '970e80ebebd77780e1bcd8d7e753bd2dc3b431e3886d30f1073f7017dd361b38'],
  ['0003_akismet', 1795927651692, '86f4a4ac4b3b581e8765b346d5b5e0581e302331948ceb1b1a09bfcdb6cfc22a'],
  [
    '0004_privacy_and_rate_limits',
    1795929619415,
    'f70ab3975e00f8031082b20bd41bfd96b0dc1e83fd97e5e1ec3b7bc758de17a9',
  ],
  [
    '0005_drop_trigram_index',
    1795932067898,
    '6ec81379285b950eb1f762540aad81c7fd136aebf2fb3c869d7e2029e9e1b45b',
  ],
  [
    '0006_near_duplicate_sketch',
    1795938808229,
    '2ed425e7c77ebd557f47adb2ad8daee0d6a3e274a27b0087a5a31403e21c2d35',
  ],
  [
    '0007_article_statistics',
    1795940891889,
    '0611259e8e47e9cfd3dcbcd7a65a95f168929fc68271a89f827004c3bb2a795b',
  ],
  ['0008_ordered_uuids', 1795947580820, '4bbef783fa0dbd0c116dc4b4c2ddf801c2a78d121a90d7f70c6f04d5fb5015a5'],
  [
    '0009_unlogged_rate_limits',
    1795948903313,
    'abba52d3dbd30d7a319ead4dbbc84099a4ad42418739705398b8d2f09fca5d90',
  ],
  ['0010_corpus_revision', 1795950670925, '7c651b7f69a8c7ce94d996f01ea1331f3e7a14ec4678880e8f259d0d970209c7'],
  [
    '0011_comments_analyze_often',
    1795953307673,
    '0dafa9b2c1562d0ce79b85d95becec70101da5e8e849954236f21856d6f4ced5',
  ],
  [
    '0012_near_duplicate_candidates',
    1795981322963,
    'd24ffa4d38ca5266347e9816b4c6595851887657ba8d0c5b16c7eed7c202b70e',
  ],
  [
    '0013_stop_writing_match_text',
    1795983045113,
    'c093cc488c5c14dc549dc1db0a76ddd38c3b655e1ff9367b3c75af46b2470ec4',
  ],
  [
    '0014_paused_deliveries_and_foreign_key_indexes',
    1795988533177,
    'ae621ac9820eebe6fb9cc99a1c0d96672127f29dea37a7e0467dde768d9334e8',
  ],
  [
    '0015_learned_in_server_corpus',
    1795997061501,
    'eddba24039dcdcf0b18c8bbcc53d9ff50dfe34c41454cdaea5ff25fde4da5354',
  ],
  [
    '0016_older_signing_secrets',
    1795998000783,
    '8ac2a01ecb1ada5ba36ade62a0294700a54e93fb1fa61048b7b1941b26050d0e',
  ],
  ['0017_drop_match_text', 1796029138052, '93549c69c11339e6f02195eafbe84781204d274122f2f38dc313472f3d5814c0'],
  ['0018_intake_claims', 1796067112630, '3882ba94b353eaea365865e25ebede7d9e011de717566a43e21f8df52c9a0493'],
  [
    '0019_webhook_events_comment_index',
    1796069474806,
    'c7346cea92ebe22958ad283b1c5099fae06be6b93fcde6ad623393814f7fd6b6',
  ],
  [
    '0020_ip_retained_index',
    1796077769311,
    '90b617bf2c252cd44ca21f40416e6f61f734c36f914253cfa0ebc6bbbd1c6dac',
  ],
  [
    '0021_api_keys_page_indexes',
    1796091932406,
    'e523478e3eca1b7d09e1a0ee4964b8128fb17dd01242475e79171505842a9f79',
  ],
  [
    '0022_comments_identity_counted',
    1796173585690,
    '49a33b427dea2cd8da9b421dc00236576d565dd5b3310cbcc1f7da2980c5e24e',
  ],
  [
    '0023_repair_upgrades_from_edited_migrations',
    1796192890780,
    '30ca7178c5f4eaaa1dce4ebbe58faa17777e6256a39a47e38f4f31cd73303383',
  ],
  [
    '0024_clear_forwarded_details_left_by_earlier_clearings',
    1796211129049,
    '88ac3f698daf53ec8a135d8f3d8d52f5efa44015274e584d6baa36a8a573b02e',
  ],
  [
    '0025_learned_token_spellings',
    1796327039714,
    '1aa5ede2120159c4447c69d6a13c708128a19bacc560840f1dc8af9694f7d99b',
  ],
  [
    '0026_intake_claim_counts_vouched_emails',
    1796357859777,
    '5d7bee220f2e6605e16a24db7e1c26b21267f22a8ec6ed05d0252f4e07f65b05',
  ],
  [
    '0027_purged_server_lessons',
    1796454624713,
    '18eabbdd0c2b0309dbfc8407d8bbd29815b33f5d627876fc9822da03e84d36cf',
  ],
  [
    '0028_intake_functions_cheaper',
    1796555532749,
    '44cdfca327558faa280a07bad1bb06510e37d4c3eae56b4c21a30ccfad1766d6',
  ],
  [
    '0029_comments_sent_with_key',
    1796620445236,
    '6958af1365e385ca843b764294e62193babcbbca36212bc85b4994e37bfbdd8d',
  ],
  ['0030_erased_authors', 1796620843986, '6d38a030160f040717af160d6faafe1fb9af46de8617e7000970881db61f2be1'],
]

type Journal = { entries: { tag: string; when: number }[] }

describe('the committed migrations', () => {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal

  it('keep their dates and texts, and are all still there, in order', () => {
    const pinned = COMMITTED.map(([tag, when, sha256]) => ({ tag, when, sha256 }))
    const now = journal.entries.slice(0, COMMITTED.length).map(({ tag, when }) => ({
      tag,
      when,
      sha256: createHash('sha256')
        .update(readFileSync(join(migrationsFolder, `${tag}.sql`)))
        .digest('hex'),
    }))
    expect(now).toEqual(pinned)
  })

  it('are each pinned here (a new migration adds its line once committed)', () => {
    expect(journal.entries.map((entry) => entry.tag)).toEqual(COMMITTED.map(([tag]) => tag))
  })

  it('are dated in the order they run', () => {
    const dates = journal.entries.map((entry) => entry.when)
    expect(dates).toEqual([...dates].sort((a, b) => a - b))
  })
})
