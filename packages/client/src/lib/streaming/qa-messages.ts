// The avatar's answers arrive over the Agora data channel ('stream-message'), in pieces marked
// `pos: start | middle | end` (or no pos for a one-piece answer), never over HTTP. The message carries no
// answer id in the docs, so pieces are grouped per sender uid, or per an id field if A2E ever sends one:
// answers from different senders may interleave and still come out whole and in order.

/** One answer of the avatar, assembled from its pieces. */
export interface QaAnswer {
  /** Order of the answer's first piece, from 0. */
  index: number;
  /** Agora uid that sent it. */
  uid: number | string;
  text: string;
  /** True once its `end` piece (or a one-piece message) arrived, or a newer answer of the same sender began. */
  done: boolean;
}

export interface QaAssembler {
  /** Feeds one `stream-message` payload; returns the answers (a new array) if it was a QA piece, else undefined. */
  push(uid: number | string, payload: Uint8Array | string | object): readonly QaAnswer[] | undefined;
  readonly answers: readonly QaAnswer[];
}

const ID_FIELDS = ['id', 'answer_id', 'msg_id', 'message_id'] as const;

function parse(payload: Uint8Array | string | object): Record<string, unknown> | undefined {
  try {
    // isView, not instanceof: bytes made in another realm (an iframe, a test's DOM) are still bytes.
    const value: unknown = ArrayBuffer.isView(payload)
      ? JSON.parse(new TextDecoder().decode(payload))
      : typeof payload === 'string'
        ? JSON.parse(payload)
        : payload;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // other publishers may send non-JSON data; it is not ours to fail on
  }
}

export function createQaAssembler(): QaAssembler {
  let answers: QaAnswer[] = [];
  const open = new Map<string, number>();
  return {
    get answers() {
      return answers;
    },
    push(uid, payload) {
      const msg = parse(payload);
      if (!msg || msg.type !== 'QA' || typeof msg.message !== 'string') return undefined;
      const idField = ID_FIELDS.find((f) => typeof msg[f] === 'string' || typeof msg[f] === 'number');
      const key = `${uid}\u0000${idField ? String(msg[idField]) : ''}`;
      const pos = msg.pos;
      answers = answers.slice();
      let at = open.get(key);
      if (at !== undefined && (pos === 'start' || pos === undefined)) {
        answers[at] = { ...answers[at]!, done: true };
        at = undefined;
      }
      if (at === undefined) {
        at = answers.length;
        answers.push({ index: at, uid, text: msg.message, done: false });
      } else {
        answers[at] = { ...answers[at]!, text: answers[at]!.text + msg.message };
      }
      if (pos === 'end' || pos === undefined) {
        answers[at] = { ...answers[at]!, done: true };
        open.delete(key);
      } else {
        open.set(key, at);
      }
      return answers;
    },
  };
}
