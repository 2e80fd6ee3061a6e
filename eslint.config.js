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

// An HTML element's tag, opening or closing (not a placeholder such as "<token>" in CLI help).
const HTML_ELEMENTS =
  'a|abbr|b|br|button|caption|code|dd|details|div|dl|dt|em|embed|fieldset|figure|footer|form|h[1-6]|header|hr|i|iframe|img|input|label|legend|li|link|main|mark|meta|nav|object|ol|option|p|pre|script|section|select|small|span|strong|style|sub|summary|sup|svg|table|tbody|td|textarea|th|thead|time|tr|u|ul';
const HTML_TAG = `/<\\/?(${HTML_ELEMENTS})(\\s|\\/?>|$)/i`;

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
  {
    // A focused test (.only) runs alone and lets every other test in its file pass unseen.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[property.name='only']:matches(${[
            'object.name',
            'object.object.name',
            'object.callee.object.name',
          ]
            .map((path) => `[${path}=/^(describe|it|test|suite)$/]`)
            .join(', ')})`,
          message: 'Remove .only: a focused test hides every other test in its file.',
        },
      ],
    },
  },
  {
    // Markup is built escaped (docs/adr/0009-markup-is-built-escaped.md): only
    // src/platform/markup.ts writes HTML in code or marks a string safe; everything else builds
    // fragments with its helpers, and a GOV.UK `html` parameter is given nothing else.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/platform/markup.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${HTML_TAG}]`,
          message:
            'Markup in a string: build it with src/platform/markup.ts, which escapes every value.',
        },
        {
          selector: `TemplateLiteral:not(TaggedTemplateExpression[tag.name="html"] > TemplateLiteral) > TemplateElement[value.raw=${HTML_TAG}]`,
          message:
            'Markup in a template literal: use html`...` or a helper from src/platform/markup.ts, which escape every value.',
        },
        {
          selector:
            'Property:matches([key.name=/^(html|[A-Za-z]+Html)$/], [key.value=/^(html|[A-Za-z]+Html)$/]):not([value.callee.object.name="markup"]):not([value.callee.name=/^(visuallyHidden|withHidden|link|tag|strong|code|span|paragraph|lines)$/]):not([value.tag.name="html"])',
          message:
            'An `html` value must be built by src/platform/markup.ts (markup.*(...) or html`...`), never from data by hand.',
        },
        {
          selector: 'MemberExpression[property.name=/^(markSafe|SafeString)$/]',
          message: 'Only src/platform/markup.ts marks a string safe.',
        },
      ],
    },
  },
);
