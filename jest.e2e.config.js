/** @type {import('jest').Config} — `npm run test:e2e` (after e2e/setup.sh). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/e2e'],
  testMatch: ['**/__tests__/e2e/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
  // The first deploys (manylinux_2_36_x86_64 alone, then the other two side by side) must fit;
  // the first deploy of the two x86_64 images one after the other took 47 min cold (2026-11-22).
  testTimeout: 75 * 60 * 1000,
  maxWorkers: 1,
};
