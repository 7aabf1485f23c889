// What the package ships, built from the current sources: one self-contained document in two formats,
// the operation table and the vectors' schema, at the paths `specFiles` gives.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '@a2e-sdk/tools/locations';
import { bundleSpec, operationTable, operations, type OpenAPIDoc } from '@a2e-sdk/tools/spec';
import { specFiles } from '../index.js';

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
let fresh: OpenAPIDoc;
beforeAll(() => {
  fresh = bundleSpec();
});

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) k === '$ref' && typeof v === 'string' ? out.push(v) : refsIn(v, out);
  }
  return out;
}

describe('@a2e-sdk/spec files', () => {
  it('gives an existing absolute path for every file', () => {
    for (const path of Object.values(specFiles)) expect(existsSync(path), path).toBe(true);
  });

  it('ships the spec as it is now, bundled into one document whose every $ref stays inside it', () => {
    const doc = json(specFiles.openapiJson) as OpenAPIDoc;
    expect(doc).toEqual(fresh);
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
  });

  it('ships the same document as YAML', () => {
    expect(parse(readFileSync(specFiles.openapiYaml, 'utf8'))).toEqual(json(specFiles.openapiJson));
  });

  it('ships the operation table of every operation of the spec', () => {
    const table = json(specFiles.operations) as {
      operations: Record<string, { method: string; path: string }>;
      jobFamilies: object;
      servers: object;
    };
    expect(Object.keys(table.operations).sort()).toEqual([...operations(fresh)].map((o) => o.op.operationId).sort());
    expect(table).toEqual(
      ((t) => ({ servers: t.servers, operations: t.table, jobFamilies: t.families }))(operationTable(fresh)),
    );
    expect(table.operations.getDubbing).toMatchObject({ method: 'GET', path: '/api/v1/userDubbing/{_id}' });
  });

  it("ships the conformance vectors' JSON Schema unchanged", () => {
    expect(readFileSync(specFiles.vectorSchema, 'utf8')).toBe(
      readFileSync(join(ROOT, 'packages', 'conformance', 'vectors', 'vector.schema.json'), 'utf8'),
    );
  });

  it('ships the conformance vectors as they are in the workspace, beside the spec their schemas point into', () => {
    const source = join(ROOT, 'packages', 'conformance', 'vectors');
    for (const dir of ['operations', 'behaviour']) {
      const names = readdirSync(join(source, dir)).sort();
      expect(readdirSync(join(specFiles.vectors, dir)).sort()).toEqual(names);
      for (const name of names)
        expect(readFileSync(join(specFiles.vectors, dir, name), 'utf8'), name).toBe(
          readFileSync(join(source, dir, name), 'utf8'),
        );
    }
    for (const name of ['README.md', 'vector.schema.json'])
      expect(readFileSync(join(specFiles.vectors, name), 'utf8')).toBe(readFileSync(join(source, name), 'utf8'));
    const doc = json(specFiles.openapiJson) as OpenAPIDoc;
    const getDubbing = json(join(specFiles.vectors, 'operations', 'getDubbing.json')) as {
      expected: { schema: string };
    };
    const resolved = getDubbing.expected.schema
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
    expect(resolved).toBeTypeOf('object');
  });
});
