/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
};
