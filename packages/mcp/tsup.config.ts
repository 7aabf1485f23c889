import { defineConfig } from 'tsup';

// The bin runs as an ES module; the library entry also ships as CommonJS so a server written in CommonJS can
// embed it (`shims` stands in for import.meta.url there). The bin gets its shebang from src/bin.ts.
export default defineConfig([
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
  },
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    shims: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
