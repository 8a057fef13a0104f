/** Real Redis and real local HTTP servers: tests run in band-sized groups, never mocked. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 20000,
  // The browser tests (test/console) need the console built: built here when missing or stale.
  globalSetup: '<rootDir>/test/console/build-console.ts',
  maxWorkers: 2,
};
