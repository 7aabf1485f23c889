import { defineConfig } from 'vitest/config';

// Building the reference (TypeDoc over the client's generated types) takes tens of seconds on a loaded machine.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000 } });
