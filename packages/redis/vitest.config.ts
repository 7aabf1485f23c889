import { defineConfig } from 'vitest/config';

// Each test file starts its own redis-server on a free loopback port; files run one at a time (2-core CI).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
