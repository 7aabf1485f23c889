import { defineConfig } from 'vitest/config';

// One Prism for the whole run (started in global-setup.ts); hooks render in jsdom unless a file asks for node.
// Not happy-dom: pnpm resolves vitest's optional DOM peer for every workspace package once either is
// installed, and happy-dom 21's types need a newer @types/node than the workspace pins (jsdom ships none).
// `*.test-d.ts` files are type tests: vitest runs tsc over them and fails on a wrong inferred type.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
