import { defineConfig } from 'tsup';

// The bin runs as an ES module; the library also ships as CommonJS for test runners that require it.
// Dependencies (@a2e-sdk/spec, ajv) stay external: the spec's files are read from the installed package.
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
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
