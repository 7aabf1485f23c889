// Streaming sessions shared by several proxy processes: any of them can act on a session another
// opened, and `maxSessions` holds across all of them (a slot is taken by one Lua script, atomically).
import type { Redis } from 'ioredis';
import { keys, type KeyOptions } from './keys.js';
import { RESERVE } from './scripts.js';
import type { SessionStore, SharedSession } from './types.js';

export class RedisSessionStore implements SessionStore {
  private readonly k: ReturnType<typeof keys>;

  constructor(
    private readonly redis: Redis,
    options: KeyOptions = {},
  ) {
    this.k = keys(options.prefix);
  }

  async reserve(slot: string, max: number, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RESERVE, 1, this.k.slots, slot, max, Math.max(1, Math.round(ttlMs)))) === 1;
  }

  async release(slot: string): Promise<void> {
    await this.redis.zrem(this.k.slots, slot);
  }

  /** Kept `ttlMs` (past the session's expiry, so an expired session can still be found and left). */
  async put(session: SharedSession, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .set(this.k.session(session.channel), JSON.stringify(session), 'PX', Math.max(1, Math.round(ttlMs)))
      .zadd(this.k.sessionsByExpiry, Date.parse(session.expiresAt), session.channel)
      .exec();
  }

  async get(channel: string): Promise<SharedSession | undefined> {
    const raw = await this.redis.get(this.k.session(channel));
    return raw ? (JSON.parse(raw) as SharedSession) : undefined;
  }

  async remove(channel: string): Promise<void> {
    await this.redis.multi().del(this.k.session(channel)).zrem(this.k.sessionsByExpiry, channel).exec();
  }

  async expired(now: number): Promise<SharedSession[]> {
    const channels = await this.redis.zrangebyscore(this.k.sessionsByExpiry, '-inf', now);
    if (!channels.length) return [];
    const raws = await this.redis.mget(channels.map((c) => this.k.session(c)));
    return raws.flatMap((raw) => (raw ? [JSON.parse(raw) as SharedSession] : []));
  }
}
