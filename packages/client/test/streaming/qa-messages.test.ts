// QA pieces from the Agora data channel, as bytes the way 'stream-message' delivers them.
import { describe, expect, it } from 'vitest';
import { createQaAssembler } from '../../src/index.js';

const bytes = (message: string, pos?: string, extra: Record<string, unknown> = {}) =>
  new TextEncoder().encode(JSON.stringify({ type: 'QA', message, ...(pos && { pos }), ...extra }));
const view = (answers: readonly { uid: number | string; text: string; done: boolean }[] | undefined) =>
  answers?.map(({ uid, text, done }) => ({ uid, text, done }));

describe('createQaAssembler', () => {
  it('joins start, middle and end pieces into one answer, in order', () => {
    const qa = createQaAssembler();
    expect(view(qa.push(7, bytes('Hello', 'start')))).toEqual([{ uid: 7, text: 'Hello', done: false }]);
    qa.push(7, bytes(', dear', 'middle'));
    expect(view(qa.push(7, bytes(' user.', 'end')))).toEqual([{ uid: 7, text: 'Hello, dear user.', done: true }]);
  });

  it('keeps interleaved answers of two senders apart', () => {
    const qa = createQaAssembler();
    qa.push(1, bytes('A1 ', 'start'));
    qa.push(2, bytes('B1 ', 'start'));
    qa.push(1, bytes('A2 ', 'middle'));
    qa.push(2, bytes('B2', 'end'));
    qa.push(1, bytes('A3', 'end'));
    expect(view(qa.answers)).toEqual([
      { uid: 1, text: 'A1 A2 A3', done: true },
      { uid: 2, text: 'B1 B2', done: true },
    ]);
  });

  it('keeps interleaved answers of one sender apart when the pieces carry an id', () => {
    const qa = createQaAssembler();
    qa.push(1, bytes('first ', 'start', { id: 'q1' }));
    qa.push(1, bytes('second ', 'start', { id: 'q2' }));
    qa.push(1, bytes('one', 'end', { id: 'q1' }));
    qa.push(1, bytes('two', 'end', { id: 'q2' }));
    expect(qa.answers.map((a) => a.text)).toEqual(['first one', 'second two']);
  });

  it('closes an open answer when the same sender starts a new one, and takes a piece without pos as a whole answer', () => {
    const qa = createQaAssembler();
    qa.push(1, bytes('cut ', 'start'));
    qa.push(1, bytes('new', 'start'));
    qa.push(1, bytes('whole'));
    expect(view(qa.answers)).toEqual([
      { uid: 1, text: 'cut ', done: true },
      { uid: 1, text: 'new', done: true },
      { uid: 1, text: 'whole', done: true },
    ]);
  });

  it('ignores other message types and data that is not JSON, and returns a new array on each QA piece', () => {
    const qa = createQaAssembler();
    expect(qa.push(1, new TextEncoder().encode('not json'))).toBeUndefined();
    expect(qa.push(1, bytes('x', 'start', { type: 'status' }))).toBeUndefined();
    const first = qa.push(1, bytes('a', 'start'));
    const second = qa.push(1, bytes('b', 'end'));
    expect(first).not.toBe(second);
    expect(first![0]!.text).toBe('a');
  });
});
