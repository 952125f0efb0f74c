import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Browser tests start Chromium: two at a time suits these 2-core machines.
    maxWorkers: 2,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
})
