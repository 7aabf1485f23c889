import { defineConfig } from 'vitest/config';

// Each breaking-change check bundles two specs and diffs them (about 5 s idle); a loaded 2-core CI
// machine running two turbo tasks has taken several times that.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 120_000 } });
