// The breaking-change policy on planted changes: first on copies of the bundled document (each kind of
// break the policy names), then end to end on a copy of the spec in a throwaway git repository.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT } from '@a2e-sdk/tools/locations';
import { bundleSpec, type OpenAPIDoc } from '@a2e-sdk/tools/spec';
import { breakingChanges } from '../scripts/breaking.ts';
import { checkBreaking } from '../scripts/check-breaking.ts';

type Doc = OpenAPIDoc & {
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
};
let spec: Doc;
beforeAll(() => {
  spec = bundleSpec() as Doc;
});

function planted(change: (doc: Doc) => void) {
  const after = structuredClone(spec);
  change(after);
  return breakingChanges(spec, after);
}

describe('on the bundled document', () => {
  it('finds nothing between a document and itself', () => {
    expect(planted(() => {})).toEqual([]);
  });

  it.each<[string, (d: Doc) => void, RegExp]>([
    [
      'an operation removed',
      (d) => {
        delete d.paths['/api/v1/userDubbing/{_id}']!.get;
      },
      /userDubbing\/\{_id\} › get/,
    ],
    [
      'a request narrowed (a new required field)',
      (d) => {
        const s = d.components.schemas.DubbingStartRequest!;
        s.required = [...(s.required ?? []), 'name'];
      },
      /startDubbing › post › requestBody.*required/,
    ],
    [
      'a request narrowed (a field limited to an enum)',
      (d) => {
        Object.assign(d.components.schemas.DubbingStartRequest!.properties.source_lang as object, { enum: ['auto'] });
      },
      /startDubbing › post › requestBody.*source_lang › enum/,
    ],
    [
      'a response field removed',
      (d) => {
        delete d.components.schemas.DubbingRecord!.properties.result_url;
      },
      /userDubbing\/\{_id\} › get › responses.*result_url/,
    ],
    [
      'a response field retyped',
      (d) => {
        d.components.schemas.DubbingRecord!.properties.duration = { type: 'string' };
      },
      /userDubbing\/\{_id\} › get › responses/,
    ],
  ])('flags %s', (_name, change, where) => {
    const found = planted(change);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((c) => c.path).join('\n')).toMatch(where);
  });

  it.each<[string, (d: Doc) => void]>([
    [
      'an optional request field added',
      (d) => {
        d.components.schemas.DubbingStartRequest!.properties.priority = { type: 'integer' };
      },
    ],
    [
      'a response field added',
      (d) => {
        d.components.schemas.DubbingRecord!.properties.progress = { type: 'number' };
      },
    ],
    [
      'an operation added',
      (d) => {
        d.paths['/api/v1/userDubbing/extra'] = { get: structuredClone(d.paths['/api/v1/userDubbing/{_id}']!.get!) };
      },
    ],
  ])('lets %s pass', (_name, change) => {
    expect(planted(change)).toEqual([]);
  });
});

describe('check-breaking on a copy of the spec in its own git repository', () => {
  let repo: string;
  const fragment = () => join(repo, 'spec', 'paths', 'dubbing.yaml');
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  const edit = (change: (doc: ReturnType<typeof parseDocument>) => void) => {
    const doc = parseDocument(readFileSync(fragment(), 'utf8'));
    change(doc);
    writeFileSync(fragment(), doc.toString());
  };
  let released: string;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'a2e-breaking-'));
    cpSync(join(ROOT, 'spec'), join(repo, 'spec'), {
      recursive: true,
      filter: (src) => !src.includes(`${join('spec', 'dist')}`),
    });
    git('init', '-q', '-b', 'main');
    git('add', 'spec');
    git('commit', '-q', '-m', 'released spec');
    git('tag', 'spec-baseline');
    released = readFileSync(fragment(), 'utf8');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('passes the released spec unchanged, against the spec-baseline tag', () => {
    const { ok, report } = checkBreaking(repo);
    expect(report).toMatch(/\(tag spec-baseline\): 0 breaking/);
    expect(ok).toBe(true);
  });

  it('fails a removed operation without a major changeset, and passes it with one', () => {
    writeFileSync(fragment(), released);
    edit((doc) => doc.deleteIn(['paths', '/api/v1/userDubbing/{_id}', 'get']));
    const failed = checkBreaking(repo);
    expect(failed.ok).toBe(false);
    expect(failed.report).toMatch(/GET \/api\/v1\/userDubbing\/\{_id\}/);

    mkdirSync(join(repo, '.changeset'));
    writeFileSync(join(repo, '.changeset', 'drop-get.md'), '---\n"@a2e-sdk/spec": minor\n---\n\nDrop getDubbing.\n');
    expect(checkBreaking(repo).ok).toBe(false); // a minor bump does not license a break
    writeFileSync(join(repo, '.changeset', 'drop-get.md'), '---\n"@a2e-sdk/spec": major\n---\n\nDrop getDubbing.\n');
    const allowed = checkBreaking(repo);
    expect(allowed.ok).toBe(true);
    expect(allowed.report).toMatch(/allowed by major changeset drop-get\.md/);
    rmSync(join(repo, '.changeset'), { recursive: true, force: true });
  });

  it('passes an additive change (a new optional request field) without any changeset', () => {
    writeFileSync(fragment(), released);
    edit((doc) =>
      doc.setIn(['schemas', 'DubbingStartRequest', 'properties', 'priority'], doc.createNode({ type: 'integer' })),
    );
    const { ok, report } = checkBreaking(repo);
    expect(readFileSync(fragment(), 'utf8')).toContain('priority');
    expect(report).toMatch(/: 0 breaking/);
    expect(ok).toBe(true);
  });
});
