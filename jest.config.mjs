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
  // testTimeout is a global option (ignored inside projects). Start-up of the app and seeding
  // run in hooks; on a loaded machine they need more than Jest's default 5 s.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
