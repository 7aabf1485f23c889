import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc); the automatic runtime means no `import React` in components.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // "use client" (react-query, @a2e-sdk/react) only matters to server-component frameworks, not to this SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
