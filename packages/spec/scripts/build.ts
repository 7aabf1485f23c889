// Builds what @a2e-sdk/spec ships from the workspace's sources (nothing bundled is committed):
// the spec bundled into one document as JSON and YAML, the operation table, the vectors' JSON Schema.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
writeFileSync(join(DIST, 'operations.json'), `${JSON.stringify({ servers, operations: table, jobFamilies: families }, null, 2)}\n`);
copyFileSync(join(ROOT, 'packages', 'conformance', 'vectors', 'vector.schema.json'), join(DIST, 'vector.schema.json'));
console.log(`@a2e-sdk/spec: ${Object.keys(table).length} operations, ${Object.keys(families).length} job families → dist/`);
