// Shared reporting for the check commands: one line per problem, a count, and the exit code.
import { checkExamples, type Problem } from './examples.ts';
import { bundle, lint } from './redocly.ts';
import { checkOwnWords } from './prose.ts';
import { checkRules } from './rules.ts';
import { operations } from './openapi-document.ts';

export function report(title: string, problems: Problem[], okLine: string): boolean {
  if (!problems.length) {
    console.log(`✓ ${title}: ${okLine}`);
    return true;
  }
  console.error(`✗ ${title}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p.where}: ${p.message}`);
  return false;
}

/** Lint, every example, the conventions: the checks of one root document (the spec, or a fragment's). */
export function checkRoot(entry: string): boolean {
  const linted = lint(entry);
  console.log(`${linted.output}\n`);
  const doc = bundle(entry);
  const ex = checkExamples(doc);
  return [
    linted.ok,
    report('examples', ex.problems, `${ex.checked} examples valid`),
    report('conventions', checkRules(doc), `${[...operations(doc)].length} operations follow spec/CONVENTIONS.md`),
    report('own words', checkOwnWords(doc), "no 8-word run of A2E's prose"),
  ].every(Boolean);
}
