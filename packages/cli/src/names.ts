// Command names: tags and operationIds in kebab-case, plus a short alias where the operation's name is a
// verb and the group's own noun (`dubbing start-dubbing` → `dubbing start`).
export const kebab = (name: string) =>
  name
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();

const singular = (word: string) =>
  word
    .replace(/ies$/, 'y')
    .replace(/(ss|sh|ch|x)es$/, '$1')
    .replace(/s$/, '');

/** The short alias of each operation in a group, where it is unambiguous; none where it would collide. */
export function aliasesFor(group: string, commands: string[]): Map<string, string> {
  const nouns = new Set([group, singular(group), `${group}s`, `${singular(group)}s`]);
  const proposed = new Map<string, string>();
  for (const command of commands) {
    for (const noun of nouns) {
      if (command.endsWith(`-${noun}`) && command.length > noun.length + 1) {
        proposed.set(command, command.slice(0, -noun.length - 1));
        break;
      }
    }
  }
  const taken = new Map<string, number>();
  for (const alias of proposed.values()) taken.set(alias, (taken.get(alias) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [command, alias] of proposed)
    if (taken.get(alias) === 1 && !commands.includes(alias)) out.set(command, alias);
  return out;
}
