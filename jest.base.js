// The jest settings every workspace shares: TypeScript through swc (with Nest's decorators
// and their metadata), tests beside the code (`*.spec.ts`) and storage/network tests
// (`*.medium-spec.ts`, which may start databases and servers, hence the longer timeout).
/** @param {{ roots?: string[] }} [options] */
module.exports = (options = {}) => ({
  testEnvironment: 'node',
  roots: options.roots ?? ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.medium-spec.ts'],
  testTimeout: 30_000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
      },
    ],
  },
});
