// `pnpm test:ports`: type-checks the runner with mypy --strict, starts Prism on the bundled spec the installed
// @a2e-sdk/spec ships (the document the vectors point into), runs the Python tests, and stops Prism whatever happens.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@a2e-sdk/tools/prism';

const here = fileURLToPath(new URL('..', import.meta.url));
const spec = join(dirname(createRequire(import.meta.url).resolve('@a2e-sdk/spec/package.json')), 'dist', 'openapi.json');
const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };

const mypy = spawnSync(process.env.MYPY ?? 'mypy', [], { cwd: here, stdio: 'inherit', env });
if (mypy.error) console.error(`could not run mypy (Debian: apt-get install mypy): ${mypy.error.message}`);
if (mypy.status !== 0) process.exit(mypy.status ?? 1);

const prism = await startPrism({ spec });
let status = 1;
try {
  const python = process.env.PYTHON ?? 'python3';
  const r = spawnSync(python, ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], {
    cwd: here, stdio: 'inherit', env: { ...env, A2E_PRISM_URL: prism.url },
  });
  if (r.error) console.error(`could not run ${python}: ${r.error.message}`);
  status = r.status ?? 1;
} finally {
  await prism.stop();
}
process.exit(status);
