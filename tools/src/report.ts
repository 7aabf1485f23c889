// Shared reporting for the check commands: one line per problem, a count, and the exit code.
import type { Problem } from './examples.ts';

export function report(title: string, problems: Problem[], okLine: string): boolean {
  if (!problems.length) { console.log(`✓ ${title}: ${okLine}`); return true; }
  console.error(`✗ ${title}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p.where}: ${p.message}`);
  return false;
}
