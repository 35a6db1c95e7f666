import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file opens its own database (an in-memory PGlite, or a fresh database on TEST_DATABASE_URL).
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
