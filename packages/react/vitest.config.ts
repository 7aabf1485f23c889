import { defineConfig } from 'vitest/config';

// One Prism for the whole run (started in global-setup.ts); hooks render in happy-dom unless a file asks for node.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
  },
});
