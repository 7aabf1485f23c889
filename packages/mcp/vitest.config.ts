import { defineConfig } from 'vitest/config';

// The stdio tests spawn the built bin (dist/), so `build` runs before `test` (turbo.json).
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } });
