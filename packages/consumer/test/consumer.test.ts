// The publishable packages as users get them: packed with `pnpm pack`, installed with plain npm in a
// directory outside the workspace, then imported, required, type-checked and run against Prism.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@a2e-sdk/tools/locations';
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';
import { packAndInstall, run, type Installed } from '../src/install.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
let installed: Installed;
const node = (args: string[]) => run(process.execPath, args, { cwd: installed.dir });
const manifest = (name: string) =>
  JSON.parse(readFileSync(join(installed.dir, 'node_modules', name, 'package.json'), 'utf8'));

// A wildcard export stands for many files: one real file of each is loaded.
const WILDCARD_SAMPLES: Record<string, string> = { '@a2e-sdk/spec/vectors/*': 'operations/getDubbing.json' };

/** Every export path of every installed package, as a specifier (`@a2e-sdk/client/node`, ...). */
const specifiers = () =>
  installed.packages.flatMap(({ name }) =>
    Object.keys(manifest(name).exports as Record<string, unknown>)
      .map((sub) => (sub === '.' ? name : `${name}/${sub.slice(2)}`))
      .map((spec) =>
        spec.endsWith('*') ? spec.replace('*', WILDCARD_SAMPLES[spec] ?? 'no-sample-for-this-wildcard') : spec,
      ),
  );

// What each entry must give a user; any other entry must give something (checked below).
const EXPECTED: Record<string, string[]> = {
  '@a2e-sdk/client': ['createA2EClient', 'APIError', 'JobFailedError', 'handleA2EWebhook'],
  '@a2e-sdk/client/proxy': ['createA2EProxy'],
  '@a2e-sdk/client/fns': ['getDubbing', 'startDubbing', 'createA2ECore'],
  '@a2e-sdk/client/operations': ['operations', 'jobFamilies', 'servers'],
  '@a2e-sdk/client/node': ['uploadFile', 'nodeHandler'],
  '@a2e-sdk/react': ['A2EProvider', 'useA2EJob', 'useDubbingList'],
  '@a2e-sdk/cli/sandbox': ['startSandbox'],
  '@a2e-sdk/mcp': ['createA2EMcpServer'],
  '@a2e-sdk/redis': ['RedisJobStore', 'RedisSessionStore'],
  '@a2e-sdk/spec': ['specFiles'],
  '@a2e-sdk/spec/openapi.json': ['openapi', 'info', 'paths', 'components'],
  '@a2e-sdk/spec/operations.json': ['servers', 'operations', 'jobFamilies'],
  '@a2e-sdk/spec/vector.schema.json': ['$schema', '$defs'],
  '@a2e-sdk/spec/vectors/operations/getDubbing.json': ['operation', 'request', 'expected', 'negative', 'input', 'job'],
  '@a2e-sdk/conformance': ['runConformance', 'toJUnit', 'exitCodeOf', 'EXIT'],
};

type Loaded = Record<string, { names?: string[]; resolved?: string }>;
function expectEveryEntry(loaded: Loaded) {
  const all = specifiers();
  expect(Object.keys(loaded).sort()).toEqual([...all].sort());
  for (const spec of all) {
    const got = loaded[spec]!;
    if (spec.endsWith('.yaml')) {
      const file = got.resolved!.startsWith('file:') ? fileURLToPath(got.resolved!) : got.resolved!;
      expect(file.startsWith(join(installed.dir, 'node_modules'))).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/^openapi: 3\.1/m);
    } else {
      expect(got.names!.length, spec).toBeGreaterThan(0);
      expect(got.names, spec).toEqual(expect.arrayContaining(EXPECTED[spec] ?? []));
    }
  }
}

beforeAll(() => {
  const started = Date.now();
  installed = packAndInstall(FIXTURES);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`packed and installed with npm in ${((Date.now() - started) / 1000).toFixed(1)} s at ${installed.dir}`);
  for (const p of installed.packages)
    console.log(`  ${p.name}: packed ${kb(p.packedBytes)}, installed ${kb(p.installedBytes)}`);
});
afterAll(() => {
  if (installed) rmSync(dirname(installed.dir), { recursive: true, force: true });
});

describe('the packed tarballs, installed with npm outside the workspace', () => {
  it('installed every publishable package from its tarball, not from the workspace', () => {
    expect(installed.packages.map((p) => p.name).sort()).toEqual([
      '@a2e-sdk/cli',
      '@a2e-sdk/client',
      '@a2e-sdk/conformance',
      '@a2e-sdk/mcp',
      '@a2e-sdk/react',
      '@a2e-sdk/redis',
      '@a2e-sdk/spec',
    ]);
    expect(installed.dir.startsWith(ROOT)).toBe(false);
    for (const p of installed.packages) {
      expect(existsSync(join(installed.dir, 'node_modules', p.name, 'package.json'))).toBe(true);
      expect(JSON.stringify(manifest(p.name))).not.toContain('workspace:'); // pnpm pack rewrote workspace ranges
    }
  });

  it('imports every entry as an ES module', () => {
    expectEveryEntry(JSON.parse(node(['entries.mjs', ...specifiers()])));
  });

  it('requires every entry from CommonJS, with the same exports as the ES module', () => {
    const cjs: Loaded = JSON.parse(node(['entries.cjs', ...specifiers()]));
    expectEveryEntry(cjs);
    const esm: Loaded = JSON.parse(node(['entries.mjs', ...specifiers()]));
    for (const spec of specifiers().filter((s) => !s.endsWith('.yaml') && !s.endsWith('.json'))) {
      expect(cjs[spec]!.names!.filter((n) => n !== 'default').sort(), spec).toEqual(esm[spec]!.names!.sort());
    }
  });

  it.each(['bundler', 'node16'])('type-checks a consumer project under moduleResolution %s', (resolution) => {
    const tsc = join(installed.dir, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() => node([tsc, '-p', `tsconfig.${resolution}.json`])).not.toThrow();
  });

  describe('the installed CLI', () => {
    it('runs as `npx a2e --help`', () => {
      const help = run('npx', ['--no-install', 'a2e', '--help'], { cwd: installed.dir });
      expect(help).toContain('a2e <group> <operation>');
      expect(help).toMatch(/^\s+dubbing\s/m);
    });

    it('starts the sandbox from the installed package and waits for a job through the installed bin', () => {
      const out = JSON.parse(node(['cli-sandbox.mjs']));
      expect(out.record).toMatchObject({ current_status: 'completed' });
      expect(out.operations).toEqual(expect.arrayContaining(['startDubbing', 'getDubbing']));
    });
  });

  describe('a dubbing flow through the installed client against Prism serving the installed spec', () => {
    let prism: Prism;
    beforeAll(async () => {
      const spec = node(['-p', "require('@a2e-sdk/spec').specFiles.openapiYaml"]).trim();
      expect(spec).toBe(join(installed.dir, 'node_modules', '@a2e-sdk', 'spec', 'dist', 'openapi.yaml'));
      const cliPkg = manifest('@stoplight/prism-cli') as { bin: { prism: string } };
      prism = await startPrism({
        spec,
        cli: join(installed.dir, 'node_modules', '@stoplight', 'prism-cli', cliPkg.bin.prism),
      });
    });
    afterAll(async () => {
      await prism?.stop();
    });

    it('the installed contract-testing kit exercises every operation, writes valid reports and exits 0', () => {
      const host = new URL(prism.url).host;
      const out = run(
        'npx',
        [
          '--no-install',
          'a2e-conformance',
          '--base-url',
          prism.url,
          '--allow-writes',
          '--confirm',
          host,
          '--job-driver',
          'prism',
          '--report-json',
          'reports/conformance.json',
          '--report-junit',
          'reports/conformance.xml',
        ],
        { cwd: installed.dir, env: { ...process.env, A2E_API_KEY: 'sk_consumer_kit_key' } },
      );
      const report = JSON.parse(readFileSync(join(installed.dir, 'reports', 'conformance.json'), 'utf8'));
      expect(out).toContain(`operations exercised: ${report.summary.operations}/${report.summary.operations}`);
      expect(report.summary.operations).toBeGreaterThan(250);
      expect(report.drift).toEqual([]);
      const junit = readFileSync(join(installed.dir, 'reports', 'conformance.xml'), 'utf8');
      expect(junit).toMatch(/^<\?xml version="1.0"/);
      expect(junit).toContain(`<testsuite name="operations"`);
      expect(`${out}${junit}${JSON.stringify(report)}`).not.toContain('sk_consumer_kit_key');
    });

    it('starts a job, waits through processing to completed, and reads its details', () => {
      const flow = JSON.parse(node(['flow.mjs', prism.url]));
      expect(flow.id).toMatch(/^[0-9a-f]{24}$/);
      expect(flow.seen).toEqual(['processing', 'completed']);
      expect(flow.polls).toBeGreaterThanOrEqual(2);
      expect(flow.status).toBe('completed');
      expect(flow.details).toMatchObject({ _id: flow.id, current_status: 'completed' });
      expect(flow.details.result_url).toMatch(/^https:\/\//);
    });
  });
});
