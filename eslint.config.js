// Lint rules that carry the architecture (STYLE.md "Import rules"): each layer
// may import only what sits below it.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'ui/**', 'bench/scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // definitions/ is the API as data: it may use the pure ipam math for validation, nothing else.
  // (Its own definitions/core/ folder holds the core resources, hence the anchored patterns.)
  { files: ['src/definitions/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(api|core|store|drivers|policy|cli)/' }] }] } },
  { files: ['src/definitions/*/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./(api|core|store|drivers|policy|cli)/' }] }] } },
  // ipam/ is pure math: no imports from the rest of the project.
  { files: ['src/ipam/**/*.ts'], rules: restrict(['**/definitions/**', '**/api/**', '**/core/**', '**/store/**', '**/drivers/**', '**/policy/**', '**/cli/**']) },
  // core/ knows nothing of HTTP or of any particular driver.
  { files: ['src/core/**/*.ts'], rules: restrict(['**/api/**', '**/cli/**', 'fastify', '**/drivers/*/**']) },
  // ovsdb/ is a protocol library: it knows nothing of muon.
  { files: ['src/ovsdb/**/*.ts'], rules: restrict(['**/definitions/**', '**/api/**', '**/core/**', '**/store/**', '**/drivers/**', '**/policy/**', '**/cli/**', '**/ipam/**']) },
  // drivers/ see muon only through drivers/driver.ts (core implements it); src/ovsdb is their protocol library.
  { files: ['src/drivers/**/*.ts'], rules: restrict(['**/api/**', '**/core/**', '**/store/**', '**/cli/**', '**/identity/**', '**/policy/**', '**/definitions/**', 'fastify', 'kysely']) },
  // store/ is below core.
  { files: ['src/store/**/*.ts'], rules: restrict(['**/api/**', '**/core/**', '**/cli/**', 'fastify']) },
  // policy/ is pure rules: core may call it, it sees only the request context and the list-query shape (types).
  {
    files: ['src/policy/**/*.ts'],
    rules: restrict([
      { group: ['**/api/**', '**/cli/**', '**/drivers/**', '**/identity/**', '**/definitions/**', 'fastify', 'kysely'] },
      { regex: '/core/(?!context\\.ts$)', message: 'policy/ may use only core/context.ts (types)' },
      { regex: '/store/(?!repos/list-query\\.ts$)', message: 'policy/ may use only store/repos/list-query.ts (types)' },
    ]),
  },
);
