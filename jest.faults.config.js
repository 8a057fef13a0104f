/** `npm run test:faults`: the fault suite (test/faults), each scenario against a private redis-server. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 90000,
  maxWorkers: 1,
};
