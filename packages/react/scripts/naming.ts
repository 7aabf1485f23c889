// The rule that turns an operationId into a hook name, and decides which list queries a mutation
// makes stale. The generator and the tests share it, so a rename in the spec renames the hook.

/** `x-a2e-kind` of an operation, as in the client's `api` table. */
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

/** A read whose result is a list of records: what a create or delete makes stale. */
export const isListQuery = (operationId: string, kind: Kind) => kind === 'read' && /^list[A-Z]/.test(operationId);

/** Verbs of operations that add a record to a list or take one out of it (`startDubbing`, `deleteVoice`, `quickAddTextToImageAvatar`). */
const CREATE_OR_DELETE = /^(start|add|quickAdd|create|upload|clone|delete|remove)[A-Z]/;

/** Whether a mutation creates or deletes a record, and so invalidates the list queries of its tag. */
export const createsOrDeletes = (operationId: string, kind: Kind) => kind !== 'read' && CREATE_OR_DELETE.test(operationId);
