import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['node_modules', '.tools', '.tmp', 'out', 'dist', 'screenshots', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters under the React Compiler, which this app does not use.
      'react-hooks/incompatible-library': 'off',
      // The renderer runs sandboxed in a browser: it never imports Node or the services.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'better-sqlite3', 'electron'],
              message: 'The renderer never imports Node.',
            },
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to services only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests index into rows they have just checked; `!` there says so without ceremony.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'better-sqlite3', 'electron'],
              message: 'shared/ runs in both processes.',
            },
          ],
        },
      ],
    },
  },
)
