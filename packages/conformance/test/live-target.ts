// The live server the `pnpm conformance:live` suites talk to, and why they skip: no key, or the server cannot
// be reached from this machine. Computed once per file; a skip is reported, never counted as a pass.
export const apiKey = process.env.A2E_API_KEY;
export const baseUrl = process.env.A2E_LIVE_BASE_URL ?? 'https://video.a2e.ai';

async function reachable(): Promise<boolean> {
  try {
    await fetch(baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** Why the live suites skip, or null when they can run. */
export const skipReason: string | null = !apiKey
  ? 'A2E_API_KEY is not set'
  : !(await reachable())
    ? `${baseUrl} cannot be reached from this machine`
    : null;
