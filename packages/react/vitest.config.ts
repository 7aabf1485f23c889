import { defineConfig } from 'vitest/config';

// One Prism for the whole run (started in global-setup.ts); hooks render in jsdom unless a file asks for node.
// Not happy-dom: pnpm resolves vitest's optional DOM peer for every workspace package once either is
// installed, and happy-dom 21's types need a newer @types/node than the workspace pins (jsdom ships none).
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
  },
});
