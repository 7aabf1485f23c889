import { defineConfig } from 'tsup';

// ESM and CJS with their own declaration files. "use client" marks the bundle as a client module for
// React Server Components frameworks (hooks and context cannot run in a server component); no rollup
// treeshake pass, since rollup drops that directive (consumers' bundlers still shake: sideEffects false).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['react', 'react/jsx-runtime', '@tanstack/react-query', '@a2e-sdk/client'],
  banner: { js: '"use client";' },
});
