import { runCommand } from './cli.js'

/**
 * `npm run migrate` (`node dist/migrate-cli.js` once built; fly.toml's release command): applies the committed
 * migrations to the database the service would open, then exits. The server also migrates when it starts, so
 * this is only needed to migrate ahead of a deploy. It needs no admin token: the release machine may not have one.
 */
runCommand('migration', async ({ logger }) => {
  // runCommand applied them on opening the database.
  logger.info('migrations applied')
})
