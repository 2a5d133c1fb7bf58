/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  // The end-to-end suite needs Docker, a registry and Terraform: `npm run test:e2e`.
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
};
