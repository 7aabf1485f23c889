// The rule that turns an operationId into a hook name. The generator and the React tests share it, so a
// rename in the spec renames the hook. (Which reads a write makes stale is not a naming rule: the spec says
// it with `x-a2e-invalidates`.)

/** `x-a2e-kind` of an operation. */
export type Kind = 'read' | 'write' | 'paid';

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** English plural → singular for the last word of a list's noun (`Voices` → `Voice`, `Statuses` → `Status`). */
export function singular(noun: string): string {
  if (/ies$/.test(noun)) return noun.replace(/ies$/, 'y');
  if (/(ss|us|is)$/.test(noun)) return noun;
  if (/(s|x|z|ch|sh)es$/.test(noun)) return noun.replace(/es$/, '');
  if (/s$/.test(noun)) return noun.replace(/s$/, '');
  return noun;
}

/**
 * The hook of an operation:
 * - a read named `get<X>` → `use<X>` (`getDubbing` → `useDubbing`);
 * - a read named `list<Xs>` → `use<X>List` (`listDubbings` → `useDubbingList`);
 * - any other read → `use<OperationId>` (`detectAvatarVideoLanguage` → `useDetectAvatarVideoLanguage`);
 * - a write or paid operation → `use<OperationId>` (`startDubbing` → `useStartDubbing`).
 */
export function hookNameOf(operationId: string, kind: Kind): string {
  if (kind === 'read') {
    const get = /^get([A-Z]\w*)$/.exec(operationId);
    if (get) return `use${get[1]}`;
    const list = /^list([A-Z]\w*)$/.exec(operationId);
    if (list) return `use${singular(list[1]!)}List`;
  }
  return `use${upperFirst(operationId)}`;
}
