import { runCommand } from './cli.js'
import { systemClock } from './clock.js'
import { purgeExpiredData } from './privacy/retention.js'

/**
 * `npm run purge` (`node dist/purge-cli.js` once built): applies the retention periods now, as the service
 * does every hour, then exits. Safe while the service runs on PostgreSQL: only one purge runs at a time. The
 * embedded database belongs to the running server, and this refuses to open it meanwhile.
 */
runCommand('purge', async ({ config, logger, database, interrupted }) => {
  // A first Ctrl-C on the embedded database stops after the batch in hand, which commits, rather than at the end.
  const report = await purgeExpiredData(database, systemClock, config.privacy, {
    signal: interrupted,
    sharedLearning: config.sharedLearning,
  })
  logger.info(
    report,
    report.ran
      ? `cleared ${report.ipsCleared} IPs, deleted ${report.spamDeleted} spam or rejected comments, emptied ${report.spamAnonymised} that replies still answer`
      : 'another process is purging right now; nothing done',
  )
})
