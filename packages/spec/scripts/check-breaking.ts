// CI gate: the spec may break callers of the last released version only together with a changeset
// that makes @a2e-sdk/spec a major release. Usage: check-breaking.ts [repo root]
import { join } from 'node:path';
import { ROOT, isMain } from '@a2e-sdk/tools/locations';
import { bundleSpec } from '@a2e-sdk/tools/spec';
import { baselineRef, bundleAt } from './baseline.ts';
import { breakingChanges } from './breaking.ts';
import { changesetsBumping } from './changesets.ts';

export const SPEC_PACKAGE = '@a2e-sdk/spec';

export function checkBreaking(root: string): { ok: boolean; report: string } {
  const { commit, reason } = baselineRef(root);
  const breaking = breakingChanges(bundleAt(root, commit), bundleSpec(join(root, 'spec', 'openapi.yaml')));
  const head = `spec vs ${commit.slice(0, 12)} (${reason}): ${breaking.length} breaking change(s)`;
  if (breaking.length === 0) return { ok: true, report: head };
  const list = breaking.map((c) => `  - ${c.description}  [${c.path}]`).join('\n');
  const majors = changesetsBumping(root, SPEC_PACKAGE, 'major');
  if (majors.length) return { ok: true, report: `${head}, allowed by major changeset ${majors.join(', ')}\n${list}` };
  return { ok: false, report: `${head} and no changeset makes ${SPEC_PACKAGE} major (see CONTRIBUTING.md):\n${list}` };
}

if (isMain(import.meta.url)) {
  const { ok, report } = checkBreaking(process.argv[2] ?? ROOT);
  console.log(report);
  process.exitCode = ok ? 0 : 1;
}
