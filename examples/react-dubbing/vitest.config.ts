import { defineConfig } from 'vitest/config';

// The browser test builds the app, starts Prism, the proxy server and Chromium: give it room.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } });
