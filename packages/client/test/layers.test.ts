// The layering and cycle rules of .dependency-cruiser.cjs, run on the real sources (they must hold) and
// on a fixture that breaks them through a type-only import (they must catch it, or the check proves nothing).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;

async function violations(baseDir: string) {
  const { output } = await cruise(['src'], {
    validate: true,
    ruleSet: config,
    baseDir,
    ...config.options,
    tsConfig: undefined,
    tsPreCompilationDeps: true,
  });
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layers', () => {
  it('hold in the client: no cycle, core and internal import no workflow, lib no facade', async () => {
    expect(await violations(root)).toEqual([]);
  }, 60_000);

  it('are caught when broken, type-only imports included', async () => {
    const found = await violations(join(root, 'test/fixtures/layers'));
    expect(found).toContain('core-imports-no-workflow: src/core/call.ts → src/lib/budget.ts');
    expect(found.some((v) => v.startsWith('no-circular:'))).toBe(true);
  }, 60_000);
});
