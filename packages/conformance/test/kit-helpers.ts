// Runs the built `a2e-conformance` bin as a child process (asynchronously: a server in this process must
// keep answering), and stand-in servers on loopback for the cases Prism cannot play.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
/** A key no server or fixture contains, so finding it anywhere in an output is a leak. */
export const CANARY = 'sk_canary_Zq7xW3kP9mT2vR8n';

export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
  json?: any;
  junit?: string;
  ms: number;
  all: string;
}

export function runBin(args: string[], { key = CANARY as string | null, reports = true } = {}): Promise<BinRun> {
  const dir = mkdtempSync(join(tmpdir(), 'a2e-kit-'));
  const json = join(dir, 'report.json');
  const junit = join(dir, 'report.xml');
  const env = { ...process.env };
  delete env.A2E_API_KEY;
  if (key !== null) env.A2E_API_KEY = key;
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args, ...(reports ? ['--report-json', json, '--report-junit', junit] : [])],
      { env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const read = (f: string) => {
          try {
            return readFileSync(f, 'utf8');
          } catch {
            return undefined;
          }
        };
        const jsonText = read(json);
        const junitText = read(junit);
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 99) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
          ...(jsonText && { json: JSON.parse(jsonText) }),
          ...(junitText && { junit: junitText }),
          all: [stdout, stderr, jsonText ?? '', junitText ?? ''].join('\n'),
        });
      },
    );
  });
}

/** The JUnit XML parsed after checking it is well-formed; its counts must agree with its test cases. */
export function parseJUnit(xml: string) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`JUnit XML is not well-formed: ${JSON.stringify(valid)}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  }).parse(xml);
  return doc.testsuites as {
    tests: string;
    failures: string;
    skipped: string;
    testsuite: {
      name: string;
      tests: string;
      failures: string;
      skipped: string;
      testcase: { name: string; classname: string; failure?: unknown; skipped?: unknown }[];
    }[];
  };
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
