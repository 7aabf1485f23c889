import { defineConfig } from 'tsup';

// ESM only: a bin and a Node-only sandbox. The bin gets its shebang from src/bin.ts.
export default defineConfig({
  entry: { bin: 'src/bin.ts', sandbox: 'src/sandbox/index.ts' },
  format: ['esm'],
  dts: { entry: { sandbox: 'src/sandbox/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
