// The jest configuration of every project, so the settings live in one place.
//   unit:        src/**/*.spec.ts, beside the code
//   integration: test/**/*.integration-spec.ts, real PostgreSQL/NATS/processes
const nxPreset = require('@nx/jest/preset').default;

/**
 * @param {string} name the project's name
 * @param {'unit' | 'integration'} kind
 * @param {{ esmPackages?: string[], environment?: 'node' | 'jsdom' }} [options] ES-module-only packages to compile for
 *   jest; the environment of unit tests (jsdom for the web app's components)
 */
module.exports = function jestProject(name, kind, options = {}) {
  const esm = options.esmPackages ?? [];
  return {
    ...nxPreset,
    displayName: kind === 'unit' ? name : `${name}:${kind}`,
    testEnvironment: options.environment ?? 'node',
    testMatch: kind === 'unit' ? ['<rootDir>/src/**/*.spec.ts?(x)'] : ['<rootDir>/test/**/*.integration-spec.ts'],
    transform: { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
    ...(esm.length && { transformIgnorePatterns: [`node_modules/(?!(${esm.join('|')})/)`] }),
    moduleFileExtensions: ['ts', 'tsx', 'js'],
    ...(kind === 'integration' && { testTimeout: 60000 }),
  };
};
