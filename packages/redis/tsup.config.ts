import { defineConfig } from 'tsup';

// Server-only: nothing here reaches the browser entry of @a2e-sdk/client.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
