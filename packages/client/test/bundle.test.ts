// Size budgets per entry of the built package and the proof that per-operation functions tree-shake:
// an app importing three of them ships those three and the pipeline, no other operation. Needs dist/
// (turbo runs `build` before `test`); without it these fail rather than skip.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRIES, measure, root } from '../bench/size.js';
import { operations } from '../src/generated/operations.gen.js';

const built = existsSync(join(root, 'dist/fns.js'));

describe('the built bundle', () => {
  it('exists (run `pnpm --filter @a2e-sdk/client build` first)', () => {
    expect(built).toBe(true);
  });

  it.each(Object.entries(ENTRIES))(
    '%s stays within its start-up budget',
    async (_, { code, budgetGzipBytes, platform }) => {
      const { startupGzipBytes } = await measure(code, platform);
      expect(startupGzipBytes).toBeGreaterThan(0);
      expect(startupGzipBytes, `gzip bytes at start-up (budget ${budgetGzipBytes})`).toBeLessThanOrEqual(
        budgetGzipBytes,
      );
    },
    60_000,
  );

  it('of three per-operation functions holds those three and no other operation', async () => {
    const used = ['getDubbing', 'startDubbing', 'listDubbings'] as const;
    const { text } = await measure(`export { createA2ECore, ${used.join(', ')} } from '@a2e-sdk/client/fns';`);
    const usedPaths = new Set<string>(used.map((id) => operations[id].path));
    for (const id of used) {
      expect(text).toContain(`"${id}"`);
      expect(text).toContain(operations[id].path);
    }
    const others = Object.entries(operations).filter(
      ([id, op]) => !(used as readonly string[]).includes(id) && !usedPaths.has(op.path),
    );
    expect(others.length).toBeGreaterThan(250);
    const leaked = others
      .filter(([id, op]) => text.includes(`"${id}"`) || text.includes(`"${op.path}"`))
      .map(([id]) => id);
    expect(leaked).toEqual([]);
    // Nor the workflows or the raw client: no job table, no openapi-fetch.
    expect(text).not.toContain('statusOperation');
    expect(text).not.toContain('querySerializer');
  }, 60_000);
});
