// Builds what @a2e-sdk/spec ships from the workspace's sources (nothing bundled is committed):
// the spec bundled into one document as JSON and YAML, the operation table, and the conformance vectors
// (operation and behaviour vectors, their schema and README). The vectors ship here, not in
// @a2e-sdk/conformance, because they are data about this spec: generated from it, pointing into this
// package's openapi.json, and versioned with it; a port needs them without installing a Node runner.
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT } from '@a2e-sdk/tools/locations';
import { bundleSpec, operationTable } from '@a2e-sdk/tools/spec';
import { DIST } from './files.ts';

const doc = bundleSpec();
const { table, families, servers } = operationTable(doc);

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
writeFileSync(join(DIST, 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
// No anchors or aliases: a YAML reader that ignores them must read the same document as the JSON.
writeFileSync(join(DIST, 'openapi.yaml'), stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }));
writeFileSync(
  join(DIST, 'operations.json'),
  `${JSON.stringify({ servers, operations: table, jobFamilies: families }, null, 2)}\n`,
);
const VECTORS = join(ROOT, 'packages', 'conformance', 'vectors');
copyFileSync(join(VECTORS, 'vector.schema.json'), join(DIST, 'vector.schema.json'));
// The whole folder, layout unchanged: each vector's `$schema` is the relative path `../vector.schema.json`.
cpSync(VECTORS, join(DIST, 'vectors'), { recursive: true, filter: (src) => !src.endsWith('.DS_Store') });
console.log(
  `@a2e-sdk/spec: ${Object.keys(table).length} operations, ${Object.keys(families).length} job families, vectors → dist/`,
);
