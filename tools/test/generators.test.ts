// Each generator on tiny specs, one feature each: the output is compared with files checked in beside the
// spec (tools/test/fixtures/<feature>/expected/), so a change to a generator shows up as a reviewable diff.
// After an intended change: `pnpm --filter @a2e-sdk/tools exec vitest run test/generators.test.ts -u`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGenerated } from '../src/generate.ts';
import { renderReactHooks } from '../src/generators/react-hooks.ts';
import { bundle } from '../src/redocly.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const features = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe.each(features)('%s', (feature) => {
  const spec = bundle(join(FIXTURES, feature, 'openapi.yaml'));
  const expected = (file: string) => join(FIXTURES, feature, 'expected', file);

  it('client tables (operations.gen.ts, api.gen.ts, fns.gen.ts, resources.gen.ts)', async () => {
    const rendered = await renderGenerated(spec);
    // schema.gen.ts is openapi-typescript's output, not ours: tested by its own project.
    await expect(rendered.get('operations.gen.ts')).toMatchFileSnapshot(expected('operations.gen.ts'));
    await expect(rendered.get('api.gen.ts')).toMatchFileSnapshot(expected('api.gen.ts'));
    await expect(rendered.get('fns.gen.ts')).toMatchFileSnapshot(expected('fns.gen.ts'));
    await expect(rendered.get('resources.gen.ts')).toMatchFileSnapshot(expected('resources.gen.ts'));
  });

  it('React hooks (hooks.gen.ts)', async () => {
    await expect(renderReactHooks(spec).get('hooks.gen.ts')).toMatchFileSnapshot(expected('hooks.gen.ts'));
  });
});

it('finds all five fixture features', () => {
  expect(features.sort()).toEqual(['job-family', 'paged-list', 'path-parameter', 'query-on-post', 'read-only-post']);
});
