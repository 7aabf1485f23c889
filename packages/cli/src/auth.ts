// Where the API key comes from: `A2E_API_KEY`, else the file `a2e auth login` wrote in the user's config
// directory ($XDG_CONFIG_HOME/a2e, or ~/.config/a2e), readable by the owner only (0600). The key itself is
// never printed: status says where it came from, nothing more.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const configDir = () => join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'a2e');
export const credentialsFile = () => join(configDir(), 'credentials.json');

export interface KeySource {
  apiKey: string;
  source: 'env' | 'config';
}

export function findKey(): KeySource | undefined {
  const fromEnv = process.env.A2E_API_KEY?.trim();
  if (fromEnv) return { apiKey: fromEnv, source: 'env' };
  try {
    const stored = JSON.parse(readFileSync(credentialsFile(), 'utf8')) as { apiKey?: unknown };
    if (typeof stored.apiKey === 'string' && stored.apiKey) return { apiKey: stored.apiKey, source: 'config' };
  } catch {
    // No file, or not ours: as if logged out.
  }
  return undefined;
}

export function storeKey(apiKey: string): string {
  mkdirSync(configDir(), { recursive: true, mode: 0o700 });
  const file = credentialsFile();
  writeFileSync(file, `${JSON.stringify({ apiKey })}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file: tighten an older one too.
  chmodSync(file, 0o600);
  return file;
}

export function forgetKey(): boolean {
  try {
    rmSync(credentialsFile());
    return true;
  } catch {
    return false;
  }
}

/** Reads the key from stdin: hidden typing on a terminal, the first line of a pipe otherwise. */
export async function readKey(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0]!.trim();
  }
  process.stderr.write('A2E API key (input hidden): ');
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let key = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(key.trim());
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f') key = key.slice(0, -1);
        else key += ch;
      }
    };
    stdin.on('data', onData);
  });
}
