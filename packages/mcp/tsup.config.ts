import { defineConfig } from 'tsup';

// ESM only: a Node bin and its library entry. The bin gets its shebang from src/bin.ts.
export default defineConfig({
  entry: { bin: 'src/bin.ts', index: 'src/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
