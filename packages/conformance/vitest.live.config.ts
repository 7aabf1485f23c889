import { defineConfig } from 'vitest/config';

// `pnpm conformance:live`: the read-only operations against https://video.a2e.ai (A2E_API_KEY needed).
export default defineConfig({
  test: { include: ['test/live.test.ts', 'test/live-batch.test.ts'], testTimeout: 120_000 },
});
