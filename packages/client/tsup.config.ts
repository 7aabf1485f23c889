import { defineConfig } from 'tsup';

// ESM and CJS with their own declaration files. Platform-neutral output: only the `node` entry uses
// Node built-ins, and it is a subpath of its own.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    operations: 'src/operations.ts',
    node: 'src/node.ts',
    proxy: 'src/proxy/index.ts',
    fns: 'src/fns.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});
