// @ts-check
import tseslint from 'typescript-eslint';

/**
 * One lint config for the monorepo. Besides code hygiene it enforces the layering of
 * ARCHITECTURE.md: domain ← db, email ← casework ← apps; apps never import each other, but for
 * apps/service, which composes the API and mail roles into the running service.
 */

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'process',
  'worker_threads',
];

/** @param {string[]} packages */
const forbidPackages = (packages, why) =>
  packages.map((name) => ({
    group: [`@escalations/${name}`, `@escalations/${name}/*`],
    message: why,
  }));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/drizzle/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.medium-spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The domain is pure: no I/O, no clock, nothing of ours.
    files: ['packages/domain/src/**/*.ts'],
    ignores: [
      'packages/domain/src/files/**',
      'packages/domain/src/bench/**',
      'packages/domain/src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({
            name,
            message: 'packages/domain is pure: I/O belongs in src/files or in the apps',
          })),
          patterns: [
            { group: ['@escalations/*'], message: 'packages/domain imports nothing of ours' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'packages/domain is pure: configuration comes in as arguments',
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'packages/domain has no clock: take `now` as an argument',
        },
      ],
    },
  },
  {
    files: ['packages/db/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: forbidPackages(['email', 'casework'], 'db imports only domain') },
      ],
    },
  },
  {
    files: ['packages/email/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: forbidPackages(['db', 'casework'], 'email imports only domain') },
      ],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/domain/src/**', 'packages/db/src/**', 'packages/email/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**'], message: 'packages never import apps' }] },
      ],
    },
  },
  {
    files: ['apps/*/src/**/*.ts'],
    ignores: ['apps/service/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*/src/**', '**/apps/*/src/**'],
              message: 'apps import packages, never each other',
            },
            ...forbidPackages(
              ['api', 'mail', 'cli', 'service'],
              'apps import packages, never each other (apps/service composes the roles)',
            ),
          ],
        },
      ],
    },
  },
  {
    // The one place the roles meet: it imports the API's and the mail role's entry points.
    files: ['apps/service/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*/src/**', '**/apps/*/src/**', '**/apps/*/dist/**'],
              message: "apps/service imports the roles' packages, not their files",
            },
            ...forbidPackages(['cli'], 'the service runs the roles, not the command line'),
          ],
        },
      ],
    },
  },
  {
    // Command-line entry points and benchmarks talk to a terminal.
    files: ['apps/cli/src/**/*.ts', 'packages/*/src/bench/**/*.ts', 'apps/*/src/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
