// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// The folders' dependency rules (ADR 0010). A feature's public surface is its index.ts: another
// feature imports that or nothing. The domain imports only itself; the platform knows no feature.
const features = readdirSync('src/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const boundaries = [
  ...features.map((feature) => ({
    target: features.filter((other) => other !== feature).map((other) => `./src/features/${other}`),
    from: `./src/features/${feature}`,
    except: ['./index.ts'],
    message: `Import another feature through its index.ts (its public surface), not its internals.`,
  })),
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message: 'The domain is pure: it imports only itself.',
  },
  {
    target: './src/platform',
    from: './src/features',
    message:
      'The platform knows no feature: pass what it needs in (a port) from the composition root.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Sources import each other as ./file.js, which is ./file.ts on disk.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.mjs'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Blob: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      'no-console': 'off',
    },
  },
);
