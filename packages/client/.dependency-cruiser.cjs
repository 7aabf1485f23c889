// The client's layers, checked by `pnpm lint` (depcruise) and by test/layers.test.ts. Type-only imports
// count (tsPreCompilationDeps): a cycle through types still ties two modules together.
//   core/      public primitives: call (the pipeline), errors, retry, poll, paginate
//   internal/  helpers that are no API (transport, raw, table, url, redact, body)
//   lib/       workflows that call into core (jobs, budget, files, webhooks, streaming/)
//   proxy/     the server-only handler, its own subpath
// Imports go downward only: entries → proxy → facades (client, lean) → lib → generated → core/internal.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-workflow',
      severity: 'error',
      comment: 'core/ and internal/ are beneath the workflows, the proxy and the facades: they never import them.',
      from: { path: '^src/(core|internal)/' },
      to: { path: '^src/(lib|proxy)/|^src/(client|lean|index|fns|node|operations)\\.ts$' },
    },
    {
      name: 'lib-imports-no-facade',
      severity: 'error',
      comment: 'Workflows call into core; they never reach up to the proxy or a facade.',
      from: { path: '^src/lib/' },
      to: { path: '^src/proxy/|^src/(client|lean|index|fns|node|operations)\\.ts$' },
    },
    {
      name: 'generated-imports-core-only',
      severity: 'error',
      comment: 'Generated code uses the pipeline and the shared types, nothing else of ours.',
      from: { path: '^src/generated/' },
      to: { path: '^src/(lib|proxy|internal)/|^src/(client|lean|index|fns|node|operations)\\.ts$' },
    },
    {
      name: 'no-entry-imports',
      severity: 'error',
      comment: 'Entries (package.json exports) are leaves: nothing inside the package imports them.',
      from: { path: '^src/' },
      to: { path: '^src/(index|fns|operations|node|proxy/index)\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
  },
};
