// One command per operation of the generated table, grouped by tag: `a2e <tag> <operation> [flags]`,
// both kebab-cased, with a short alias where one reads better. Flags come from the spec at run time, so
// a newer spec's operations appear without an edit here.
import { Command, Option } from 'commander';
import { jobFamilies, operations } from '@a2e-sdk/client/operations';
import { makeClient, type GlobalFlags } from './client.js';
import { UsageError } from './exit-codes.js';
import { fieldsOf, type Field } from './fields.js';
import { buildInput, readBody } from './input.js';
import { localFiles, replaceLocalFiles, uploadWith } from './media.js';
import { aliasesFor, kebab } from './names.js';
import { printEvent, printJson } from './output.js';
import { loadSpec, specOperations } from './spec.js';
import { waitForJobWithProgress } from './wait.js';

type Entry = (typeof operations)[keyof typeof operations] & {
  jobStart?: { family: string; idField: string };
  mediaFields?: readonly string[];
};
export type Mode = 'call' | 'quote';

// Flags every operation command has; a field that would clash gets a `field-` prefix.
const RESERVED = new Set([
  'body',
  'wait',
  'dry-run',
  'server',
  'base-url',
  'max-credits',
  'interval-ms',
  'timeout-ms',
  'help',
]);

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function describe(field: Field): string {
  const parts = [field.type === 'array' && field.itemType ? `${field.itemType}[]` : field.type];
  if (field.required) parts.push('required');
  if (field.enum) parts.push(`one of: ${field.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (field.default !== undefined) parts.push(`default: ${JSON.stringify(field.default)}`);
  if (field.media) parts.push('a URL or a local file, uploaded first');
  if (field.in !== 'body') parts.push(`${field.in} parameter`);
  return `(${parts.join('; ')})${field.description ? ` ${field.description}` : ''}`;
}

function placeholder(field: Field) {
  if (field.type === 'boolean') return '[bool]';
  if (field.type === 'array') return field.itemType ? '<value>' : '<json>';
  if (field.type === 'object' || field.type === 'any') return '<json>';
  return field.media ? '<url|file>' : `<${field.type}>`;
}

async function runOperation(
  id: string,
  entry: Entry,
  fields: Field[],
  flags: Record<string, unknown>,
  globals: GlobalFlags,
  mode: Mode,
) {
  const attr = (f: Field) => new Option(`--${f.flag}`).attributeName();
  const input = buildInput(fields, flags, readBody(flags.body as string | undefined), attr);
  const maxCredits = globals.maxCredits === undefined ? undefined : Number(globals.maxCredits);
  if (maxCredits !== undefined && !(maxCredits >= 0))
    throw new UsageError('--max-credits takes a number of credits ≥ 0');
  const made = makeClient(globals, { needsKey: entry.auth, maxCredits });
  const { a2e } = made;

  if (globals.dryRun) {
    localFiles(fields, input);
    const sent = await replaceLocalFiles(fields, input, async (path) => `<uploaded: ${path}>`);
    await (mode === 'quote' ? a2e.quote(id as never, sent as never) : a2e.call(id as never, sent as never)).catch(
      () => undefined,
    );
    printJson({
      dryRun: true,
      operationId: id,
      request: made.recorded ?? null,
      uploads: localFiles(fields, input).map((f) => f.path),
    });
    return;
  }
  const sent = await replaceLocalFiles(
    fields,
    input,
    uploadWith(a2e, (path, url) => printEvent({ event: 'uploaded', file: path, url })),
  );
  if (mode === 'quote') {
    printJson(await a2e.quote(id as never, sent as never));
    return;
  }
  const { data } = await a2e.call(id as never, sent as never);
  if (!flags.wait || !entry.jobStart) {
    printJson(data);
    return;
  }
  const family = entry.jobStart.family as keyof typeof jobFamilies;
  const jobId = a2e.jobIdOf(family, data);
  if (!jobId) throw new UsageError(`${id} answered without a job id in ${entry.jobStart.idField}; nothing to wait for`);
  printJson(
    await waitForJobWithProgress(a2e, family, jobId, {
      intervalMs: flags.intervalMs === undefined ? undefined : Number(flags.intervalMs),
      timeoutMs: flags.timeoutMs === undefined ? undefined : Number(flags.timeoutMs),
    }),
  );
}

/** Adds `<group> <operation>` commands under `parent`; `quote` mode keeps the paid operations only. */
export function addOperationCommands(parent: Command, mode: Mode, run: (task: () => Promise<void>) => Promise<void>) {
  const doc = loadSpec();
  const spec = specOperations(doc);
  const groups = new Map<string, [string, Entry][]>();
  for (const [id, entry] of Object.entries(operations) as [string, Entry][]) {
    if (mode === 'quote' && entry.kind !== 'paid') continue;
    const group = kebab(entry.tag);
    groups.set(group, [...(groups.get(group) ?? []), [id, entry]]);
  }
  for (const [group, ops] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const tag = ((doc.tags ?? []) as { name: string; description?: string }[]).find((t) => t.name === ops[0]![1].tag);
    const about = tag?.description
      ?.split(/(?<=\.)\s/)[0]
      ?.replace(/\s+/g, ' ')
      .trim();
    const groupCommand = parent
      .command(group)
      .summary(`${about ?? ops[0]![1].tag} (${ops.length} operation${ops.length > 1 ? 's' : ''})`);
    const aliases = aliasesFor(
      group,
      ops.map(([id]) => kebab(id)),
    );
    for (const [id, entry] of ops) {
      const op = spec.get(id);
      const fields = op ? fieldsOf(doc, op) : [];
      for (const f of fields) if (RESERVED.has(f.flag)) f.flag = `field-${f.flag}`;
      const name = kebab(id);
      const command = groupCommand
        .command(name)
        .summary(op?.summary ?? id)
        .description(
          [
            `${op?.summary ?? id} (${entry.method} ${entry.path}; ${entry.kind}${entry.jobStart ? `; starts a ${kebab(entry.jobStart.family)} job` : ''})`,
            op?.description
              ?.trim()
              .split(/\n{2,}/)
              .map((p) => p.replace(/\s*\n\s*/g, ' '))
              .join('\n\n'),
          ]
            .filter(Boolean)
            .join('\n\n'),
        );
      const alias = aliases.get(name);
      if (alias) command.alias(alias);
      for (const field of fields) {
        command.addOption(new Option(`--${field.flag} ${placeholder(field)}`, describe(field)).argParser(collect));
      }
      command.option(
        '--body <json|@file|->',
        'the request body as JSON, from a file (@body.json) or stdin (-); flags win over it',
      );
      if (entry.jobStart && mode === 'call') {
        command
          .option('--wait', `wait for the job to end (progress on stderr; Ctrl-C stops waiting, not the job)`)
          .option(
            '--interval-ms <ms>',
            'with --wait: first pause between polls (default 5000, growing 1.5x up to 30000)',
          )
          .option('--timeout-ms <ms>', 'with --wait: give up waiting after this long (default 3600000)');
      }
      command.action(async (flags: Record<string, unknown>, cmd: Command) => {
        await run(() => runOperation(id, entry, fields, flags, cmd.optsWithGlobals() as GlobalFlags, mode));
      });
    }
  }
}
