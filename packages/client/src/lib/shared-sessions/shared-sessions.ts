// Streaming sessions kept in a SessionStore, so several proxy processes behind one balancer serve the
// same browser: a session opened through one is asked, spoken to, given context and left through any.
// The cap (`maxSessions`) is a store slot taken atomically, so it holds across every process; a slot
// lapses with its session's lifetime, so a process that dies does not hold it forever.
import { InvalidRequestError } from '../../core/errors.js';
import type { Call } from '../../core/call.js';
import type { StreamingSession } from '../streaming/session.js';
import type { SessionStore, SharedSession } from '../tracker/store.js';

/** How long past a session's expiry its record and slot are kept: time for a sweep to leave it. */
export const SHARED_SESSION_MARGIN_MS = 120_000;

type Action = 'setContext' | 'ask' | 'speak';
const OPERATION = {
  setContext: 'setStreamingAvatarQaContext',
  ask: 'askStreamingAvatar',
  speak: 'speakStreamingAvatar',
} as const;

export interface SharedSessions {
  /** Takes one of `max` slots across every process; false when all are held. */
  reserve(durationSeconds: number): Promise<string | undefined>;
  release(slot: string): Promise<void>;
  /** Records a session this process opened, and gives its slot back once it has been left. */
  register(session: StreamingSession, secret: string, avatarId: string, slot: string): Promise<void>;
  find(channel: string): Promise<SharedSession | undefined>;
  /** The digest a session's secret is kept as (compare it with `secretHash` in constant time). */
  digest(secret: string): Promise<string>;
  /** Sends setContext / ask / speak for a session any process opened. */
  act(shared: SharedSession, action: Action, text: string, signal?: AbortSignal): Promise<void>;
  /** Leaves a session any process opened; its record and slot go once A2E confirms. */
  leave(shared: SharedSession): Promise<void>;
  /** Leaves and removes every session past its expiry (whichever process opened it). */
  sweep(): Promise<void>;
}

async function sha256(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createSharedSessions(
  store: SessionStore,
  call: Call,
  max: number,
  local: (channel: string) => StreamingSession | undefined,
): SharedSessions {
  const newSlot = () => `slot-${crypto.randomUUID()}`;
  async function forget(shared: SharedSession) {
    await store.remove(shared.channel);
    if (shared.slot) await store.release(shared.slot);
  }
  async function leave(shared: SharedSession) {
    // The opener's own session object leaves once (and stops its expiry timer); elsewhere the call is made here.
    const own = local(shared.channel);
    if (own) await own.leave();
    else await call('leaveStreamingAvatarRoom', { channel: shared.channel });
    await forget(shared);
  }
  return {
    async reserve(durationSeconds) {
      const slot = newSlot();
      return (await store.reserve(slot, max, durationSeconds * 1000 + SHARED_SESSION_MARGIN_MS)) ? slot : undefined;
    },
    release: (slot) => store.release(slot),
    async register(session, secret, avatarId, slot) {
      const { channel, expiresAt } = session.credentials;
      const shared: SharedSession = {
        channel,
        secretHash: await sha256(secret),
        avatarId,
        slot,
        expiresAt: expiresAt.toISOString(),
      };
      await store.put(shared, Math.max(0, expiresAt.getTime() - Date.now()) + SHARED_SESSION_MARGIN_MS);
      void session.ended.then(() => forget(shared)).catch(() => {});
    },
    find: (channel) => store.get(channel),
    digest: sha256,
    async act(shared, action, text, signal) {
      const own = local(shared.channel);
      if (own) return own[action](text, { signal });
      if (Date.parse(shared.expiresAt) <= Date.now())
        throw new InvalidRequestError(
          `${OPERATION[action]}: the streaming session on channel ${shared.channel} has expired`,
        );
      await call(OPERATION[action], { channel: shared.channel, text }, { signal });
    },
    leave,
    async sweep() {
      for (const shared of await store.expired(Date.now())) await leave(shared).catch(() => {});
    },
  };
}
