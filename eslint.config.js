// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
      'no-console': 'off',
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
