import { defineConfig } from 'vitest/config';

// Packing and a cold `npm install` (Prism pulls a few hundred packages) take minutes on a loaded CI machine.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 600_000 } });
