// Measures the bytes of the `tools/list` answer an agent must read, for candidate tool shapes built from
// the same catalog and spec schemas: one tool per operation, one start-and-wait tool per job family, and
// the shape the server uses (workflow tools + generic ones). Prints a Markdown table for the README.
import { createCatalog } from '../src/catalog.js';
import { specOperations } from '../src/spec-schemas.js';
import { toolDefs, type ToolDef } from '../src/tool-defs.js';

const bytes = (tools: unknown[]) => Buffer.byteLength(JSON.stringify({ tools }));
const spec = specOperations();

function perOperation(ids: Iterable<string>): ToolDef[] {
  return [...ids].map((id) => ({
    name: id,
    description: spec.get(id)?.summary ?? id,
    inputSchema: spec.get(id)!.inputSchema as ToolDef['inputSchema'],
  }));
}

const rows: string[] = ['| configuration | shape | tools | bytes of tools/list |', '|---|---|---:|---:|'];
for (const [label, config] of [
  ['default (privileged hidden)', { readOnly: false, allowOperations: new Set<string>() }],
  ['read-only', { readOnly: true, allowOperations: new Set<string>() }],
] as const) {
  const catalog = createCatalog(config);
  const workflow = toolDefs(catalog, { readOnly: config.readOnly, uploads: true, ttlMinutes: 10 });
  const perOp = perOperation(catalog.operations.keys());
  const starts = [...catalog.operations].filter(([, op]) => op.jobStart).map(([id]) => id);
  const perFamily = [...perOperation(starts), ...workflow.filter((t) => t.name !== 'start_job')];
  rows.push(`| ${label} | one tool per operation | ${perOp.length} | ${bytes(perOp)} |`);
  if (!config.readOnly)
    rows.push(`| ${label} | start-and-wait tool per job start + generic | ${perFamily.length} | ${bytes(perFamily)} |`);
  rows.push(`| ${label} | **workflow + generic (chosen)** | ${workflow.length} | ${bytes(workflow)} |`);
}
const all = [...spec.values()].map((o) => Buffer.byteLength(JSON.stringify(o.inputSchema)));
rows.push(
  '',
  `describe_operation input schemas: median ${all.sort((a, b) => a - b)[all.length >> 1]} bytes, largest ${all.at(-1)} bytes (${all.length} operations).`,
);
console.log(rows.join('\n'));
