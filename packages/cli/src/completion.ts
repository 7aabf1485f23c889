// Shell completion for bash, zsh and fish. Each script asks `a2e __complete <words so far>` for the
// candidates, so completion follows the installed spec's operations without regenerating the script.
import type { Command } from 'commander';

const SCRIPTS = {
  bash: `# a2e completion for bash: eval "$(a2e completion bash)"
_a2e_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  COMPREPLY=( $(compgen -W "$(a2e __complete "\${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)" -- "$cur") )
}
complete -o default -F _a2e_complete a2e
`,
  zsh: `#compdef a2e
# a2e completion for zsh: source <(a2e completion zsh)
_a2e_complete() {
  local -a candidates
  candidates=("\${(@f)$(a2e __complete "\${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
  compadd -a candidates
}
if (( ! $+functions[compdef] )); then autoload -Uz compinit && compinit -u; fi
compdef _a2e_complete a2e
`,
  fish: `# a2e completion for fish: a2e completion fish | source
function __a2e_complete
  set -l words (commandline -opc)
  set -e words[1]
  a2e __complete $words 2>/dev/null
end
complete -c a2e -f -a '(__a2e_complete)'
`,
} as const;

export type Shell = keyof typeof SCRIPTS;
export const shells = Object.keys(SCRIPTS) as Shell[];
export const completionScript = (shell: Shell) => SCRIPTS[shell];

/** Candidates after the given words: subcommands (and aliases) of the command they name, then its flags. */
export function complete(program: Command, words: string[]): string[] {
  let cmd = program;
  for (const word of words) {
    if (word.startsWith('-')) continue;
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) break;
    cmd = next;
  }
  const subs = cmd.commands.filter((c) => !c.name().startsWith('__')).map((c) => c.name());
  const flags = cmd.options.map((o) => o.long).filter((f): f is string => !!f);
  return subs.length ? subs : [...flags, '--help'];
}
