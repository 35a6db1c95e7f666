import { runCommand } from './cli.js'

/**
 * `npm run migrate` (`node dist/migrate-cli.js` once built): applies the committed migrations to the database the
 * service would open, then exits. The server also migrates when it starts, so this is only needed to migrate
 * ahead of a deploy. It needs no admin token: the release machine may not have one. As a release command
 * (fly.toml), `--require-database-url` makes a missing DATABASE_URL a failure that stops the deploy.
 */
runCommand(
  'migration',
  async ({ logger }) => {
    // runCommand applied them on opening the database.
    logger.info('migrations applied')
  },
  { requiresDatabaseUrl: process.argv.slice(2).includes('--require-database-url') },
)
