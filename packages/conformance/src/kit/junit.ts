// The report as JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins) read: one
// <testsuite> per suite (operations, negative, jobs), one <testcase> per case; drift is a <failure>,
// a case that did not run (a write without --allow-writes, an id the target does not know) is <skipped>.
import type { CaseResult, ConformanceReport } from './run.js';

const esc = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all, then the five it must escape.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult): string {
  const head = `    <testcase classname="a2e.${esc(c.suite)}.${esc(c.tag)}" name="${esc(c.name)}" time="${seconds(c.ms)}"`;
  if (c.outcome === 'passed') return `${head}/>`;
  if (c.outcome === 'skipped') return `${head}>\n      <skipped message="${esc(c.detail ?? '')}"/>\n    </testcase>`;
  const first = (c.detail ?? 'drift').split('\n')[0]!;
  return `${head}>\n      <failure type="drift" message="${esc(first)}">${esc(c.detail ?? '')}</failure>\n    </testcase>`;
}

export function toJUnit(report: ConformanceReport): string {
  const suites = (['operations', 'negative', 'jobs'] as const).map((name) => ({
    name,
    cases: report.cases.filter((c) => c.suite === name),
  }));
  const count = (cases: CaseResult[], outcome: CaseResult['outcome']) =>
    cases.filter((c) => c.outcome === outcome).length;
  const time = (cases: CaseResult[]) => seconds(cases.reduce((t, c) => t + c.ms, 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="a2e-conformance ${esc(report.baseUrl)}" tests="${report.cases.length}" failures="${count(report.cases, 'drift')}" errors="${report.unreachable ? 1 : 0}" skipped="${count(report.cases, 'skipped')}" time="${time(report.cases)}">`,
  ];
  if (report.unreachable) {
    lines.push(
      `  <testsuite name="reachability" tests="1" failures="0" errors="1" skipped="0" time="0">`,
      `    <testcase classname="a2e.reachability" name="the server answers" time="0">`,
      `      <error type="unreachable" message="${esc(report.unreachable)}"/>`,
      '    </testcase>',
      '  </testsuite>',
    );
  }
  for (const s of suites) {
    if (!s.cases.length) continue;
    lines.push(
      `  <testsuite name="${s.name}" timestamp="${esc(report.date)}" tests="${s.cases.length}" failures="${count(s.cases, 'drift')}" errors="0" skipped="${count(s.cases, 'skipped')}" time="${time(s.cases)}">`,
    );
    lines.push(...s.cases.map(testcase), '  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
