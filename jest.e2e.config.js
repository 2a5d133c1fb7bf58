/** @type {import('jest').Config} — `npm run test:e2e` (after e2e/setup.sh). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/e2e'],
  testMatch: ['**/__tests__/e2e/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
  testTimeout: 45 * 60 * 1000,
  maxWorkers: 1,
};
