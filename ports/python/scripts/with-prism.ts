// `pnpm test:ports`: bundles the spec (Prism and the runner's schema checks read the same document),
// starts Prism on a free loopback port, runs the Python runner against it, and stops Prism whatever happens.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@a2e-sdk/tools/prism';
import { bundleSpec } from '@a2e-sdk/tools/spec';

const here = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'a2e-port-python-'));
const spec = join(dir, 'openapi.json');
writeFileSync(spec, JSON.stringify(bundleSpec()));
const prism = await startPrism({ spec });
let status = 1;
try {
  const python = process.env.PYTHON ?? 'python3';
  const r = spawnSync(python, ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], {
    cwd: here, stdio: 'inherit', env: { ...process.env, A2E_PRISM_URL: prism.url, A2E_SPEC_JSON: spec, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (r.error) console.error(`could not run ${python}: ${r.error.message}`);
  status = r.status ?? 1;
} finally {
  await prism.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
