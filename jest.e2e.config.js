/** @type {import('jest').Config} — `npm run test:e2e` (after e2e/setup.sh). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/e2e'],
  testMatch: ['**/__tests__/e2e/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
  // The first deploy of both e2e images, one after the other, took 47 min cold (2026-11-22).
  testTimeout: 75 * 60 * 1000,
  maxWorkers: 1,
};
