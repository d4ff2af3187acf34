// Nest 12 is ESM-only, so Jest runs in ESM mode (node --experimental-vm-modules) and
// @swc/jest compiles TypeScript to ES modules with decorator metadata.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // @fastify/static (Swagger UI assets) require()s content-disposition 3, which is ESM-only;
    // Node 20 loads it, Jest's module runtime cannot. The CJS 0.5 line has the same API.
    '^content-disposition$': '<rootDir>/test/support/shims/content-disposition.cjs',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
};

export default {
  projects: [
    // Start-up of the app and seeding run in hooks; a loaded CI machine needs more than Jest's 5 s.
    { ...common, displayName: 'unit', testTimeout: 30_000, testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testTimeout: 120_000, testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testTimeout: 120_000, testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
