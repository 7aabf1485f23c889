import { defineConfig } from 'tsup';

// ESM and CJS with their own declaration files; platform-neutral output (no Node built-ins at run time).
export default defineConfig({
  entry: ['src/index.ts', 'src/operations.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});
