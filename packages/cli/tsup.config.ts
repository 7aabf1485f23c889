import { defineConfig } from 'tsup';

// The bin runs as an ES module; the sandbox entry also ships as CommonJS for test runners that require it
// (`shims` stands in for import.meta.url there).
export default defineConfig([
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
  {
    entry: { sandbox: 'src/sandbox/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    shims: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
