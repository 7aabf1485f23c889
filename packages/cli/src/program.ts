// The `a2e` command tree: operation commands from the generated table, plus wait, quote, auth,
// completion and sandbox. Every failure ends as a JSON error on stderr with its class's exit code.
import { Command, CommanderError, Option } from 'commander';
import { jobFamilies, servers } from '@a2e-sdk/client/operations';
import { forgetKey, findKey, readKey, storeKey, credentialsFile } from './auth.js';
import { makeClient, type GlobalFlags } from './client.js';
import { addOperationCommands } from './commands.js';
import { complete, completionScript, shells, type Shell } from './completion.js';
import { EXIT, exitCodeHelp, UsageError } from './exit-codes.js';
import { kebab } from './names.js';
import { printError, printJson } from './output.js';
import { sandboxCommand } from './sandbox/command.js';
import { familiesByKebab, waitForJobWithProgress } from './wait.js';

const GUIDE = `
Grammar:
  a2e <group> <operation> [--field value ...] [--body <json|@file|->] [--wait] [--dry-run]
  a2e wait <family> <job-id>          wait for a job started earlier (e.g. after Ctrl-C)
  a2e quote <group> <operation> ...   price a paid call without making it
  a2e auth login|logout|status        store the API key in your config directory (0600)
  a2e completion bash|zsh|fish        print a shell completion script
  a2e sandbox [--port 0]              run a local stand-in of A2E for tests

  Groups are the spec's tags and operations its operationIds, in kebab-case
  (a2e dubbing start-dubbing; short alias: a2e dubbing start). Each operation's --help lists
  its flags with type, choices, default and required marks. Arrays take repeated flags or
  one JSON array; objects take JSON. A local file given for a media field is uploaded first.

Examples:
  export A2E_API_KEY=sk_...
  a2e misc get-remaining-coins
  a2e dubbing start --source-url ./talk.mp4 --target-lang de --wait
  a2e dubbing get --id 66ea4dd87db10c73fa29b570
  a2e dubbing start --body @job.json --max-credits 50 --dry-run

Output: JSON on stdout (indented on a terminal, one line otherwise). Errors: one JSON object
on stderr, {"error":{"name","message","exitCode",...}}. With --wait, progress goes to stderr
(a live line on a terminal, JSON lines otherwise).

Environment: A2E_API_KEY (wins over a stored key), A2E_BASE_URL (like --base-url).

Exit codes:
${exitCodeHelp()}
`;

/** Runs one command's work and turns any throw into the JSON error and exit code. */
async function run(task: () => Promise<void>) {
  try {
    await task();
  } catch (error) {
    process.exitCode = printError(error);
  }
}

export function buildProgram(): Command {
  const program = new Command('a2e')
    .description(
      'The A2E API from the command line: every operation of the spec as a command, job waits, uploads, a local sandbox.',
    )
    .addOption(new Option('--server <name>', "one of the spec's servers").choices(Object.keys(servers)))
    .option('--base-url <url>', 'API base URL (a proxy, Prism, the sandbox); wins over --server')
    .option('--dry-run', 'print the request that would be sent (key masked) and send nothing')
    .option('--max-credits <n>', 'refuse a paid job start whose quote is above this many credits')
    .option('--request-timeout-ms <ms>', 'timeout of each HTTP attempt (default 60000)')
    .addHelpText('after', GUIDE)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  addOperationCommands(program, 'call', run);

  const families = familiesByKebab();
  program
    .command('wait')
    .summary('wait for a job to end')
    .description(`Polls a job until it ends; prints its final record. Families: ${[...families.keys()].join(', ')}`)
    .argument('<family>', 'job family, kebab-case (e.g. dubbing, image-to-video)')
    .argument('<id>', 'job id, as its start returned it')
    .option('--interval-ms <ms>', 'first pause between polls (default 5000, growing 1.5x up to 30000)')
    .option('--timeout-ms <ms>', 'give up after this long (default 3600000)')
    .action(async (family: string, id: string, flags: { intervalMs?: string; timeoutMs?: string }, cmd: Command) => {
      await run(async () => {
        const name = families.get(family) ?? (family in jobFamilies ? (family as keyof typeof jobFamilies) : undefined);
        if (!name)
          throw new UsageError(
            `unknown job family ${JSON.stringify(family)}; one of: ${[...families.keys()].join(', ')}`,
          );
        const { a2e } = makeClient(cmd.optsWithGlobals() as GlobalFlags, { needsKey: true });
        printJson(
          await waitForJobWithProgress(a2e, name, id, {
            intervalMs: flags.intervalMs === undefined ? undefined : Number(flags.intervalMs),
            timeoutMs: flags.timeoutMs === undefined ? undefined : Number(flags.timeoutMs),
          }),
        );
      });
    });

  const quote = program
    .command('quote')
    .summary('price a paid call without making it')
    .description('Asks A2E what a paid call would cost (the same flags as the call). Prints the quote.');
  addOperationCommands(quote, 'quote', run);

  const auth = program.command('auth').summary('store, check or forget the API key');
  auth
    .command('login')
    .description(
      `Reads the API key (hidden on a terminal, else the first line of stdin) and stores it in ${credentialsFile()} (mode 0600).`,
    )
    .action(async () =>
      run(async () => {
        const key = await readKey();
        if (!key) throw new UsageError('no key given');
        printJson({ stored: storeKey(key) });
      }),
    );
  auth
    .command('logout')
    .description('Deletes the stored key.')
    .action(async () => run(async () => printJson({ removed: forgetKey() })));
  auth
    .command('status')
    .description('Says whether a key is set and where it comes from (never the key).')
    .action(async () =>
      run(async () => {
        const found = findKey();
        printJson({
          key: found ? 'set' : 'missing',
          source: found?.source === 'env' ? 'A2E_API_KEY' : found ? credentialsFile() : null,
        });
        if (!found) process.exitCode = EXIT.auth;
      }),
    );

  program
    .command('completion')
    .summary('print a shell completion script')
    .description(
      'bash: eval "$(a2e completion bash)"; zsh: source <(a2e completion zsh); fish: a2e completion fish | source',
    )
    .addArgument(new Command().createArgument('<shell>', 'bash, zsh or fish').choices(shells))
    .action((shell: Shell) => void process.stdout.write(completionScript(shell)));

  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption(true)
    .helpOption(false)
    .action((words: string[]) => void process.stdout.write(`${complete(program, words).join('\n')}\n`));

  program.addCommand(sandboxCommand(run));
  return program;
}

/** Parses and runs; returns the exit code (commander's own errors become usage errors). */
export async function main(argv: string[]): Promise<number> {
  let program: Command;
  try {
    program = buildProgram();
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.usage;
      return printError(new UsageError(error.message.replace(/^error: /, '')));
    }
    return printError(error);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}

export { kebab };
