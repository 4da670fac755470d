module.exports = {
  displayName: 'garmin-sim',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // @garmin/fitsdk is published as ES modules only: compile it to CommonJS like our code.
  transformIgnorePatterns: ['node_modules/(?!@garmin/fitsdk)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/garmin-sim',
};
