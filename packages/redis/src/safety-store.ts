// The MCP server's SafetyStore (@a2e-sdk/mcp) on Redis: confirmations, their single use and each
// session's spending, shared by every instance of the server. A confirmation used on instance A and
// presented again on instance B returns A's job; a budget holds across instances. Each mutation is one
// atomic Redis step (SET NX, or a Lua script for the budget), as the interface requires.
import type { Redis } from 'ioredis';
import type { KeyOptions } from './keys.js';
import type { Claim, Confirmation, Outcome, SafetyStore } from '@a2e-sdk/mcp';

export interface RedisSafetyStoreOptions extends KeyOptions {
  /**
   * How long a confirmation, its use and its outcome are kept after the confirmation expires, in ms, so
   * a late repeat still gets the first job rather than "unknown confirmation". Default 604,800,000 (7 days).
   */
  retainMs?: number;
}

// Adds ARGV[1] credits to KEYS[1] unless the total would pass ARGV[2]; 1 when added, 0 when refused.
const RESERVE = `
local total = tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1])
if total > tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], tostring(total), 'PX', ARGV[3])
return 1`;

// Takes ARGV[1] credits back from KEYS[1], never below zero.
const RELEASE = `
local total = math.max(0, tonumber(redis.call('GET', KEYS[1]) or '0') - tonumber(ARGV[1]))
redis.call('SET', KEYS[1], tostring(total), 'PX', ARGV[2])
return 1`;

export class RedisSafetyStore implements SafetyStore {
  private readonly prefix: string;
  private readonly retainMs: number;

  /** `redis` stays the caller's to close. */
  constructor(
    private readonly redis: Redis,
    options: RedisSafetyStoreOptions = {},
  ) {
    this.prefix = `${options.prefix ?? 'a2e:'}mcp:`;
    this.retainMs = Math.max(1, Math.round(options.retainMs ?? 604_800_000));
  }

  private key(kind: 'confirmation' | 'use' | 'spent', id: string) {
    return `${this.prefix}${kind}:${id}`;
  }

  async saveConfirmation(c: Confirmation): Promise<void> {
    const ttl = Math.max(1, c.expiresAt - Date.now()) + this.retainMs;
    await this.redis.set(this.key('confirmation', c.token), JSON.stringify(c), 'PX', ttl);
  }

  async getConfirmation(token: string): Promise<Confirmation | undefined> {
    const text = await this.redis.get(this.key('confirmation', token));
    return text === null ? undefined : (JSON.parse(text) as Confirmation);
  }

  async claim(token: string): Promise<Claim> {
    const key = this.key('use', token);
    // Exactly one caller across all instances sets the marker; the rest read what is there.
    if ((await this.redis.set(key, 'running', 'PX', this.retainMs, 'NX')) === 'OK') return { state: 'first' };
    const use = await this.redis.get(key);
    if (use === null || use === 'running') return { state: 'running' };
    return { state: 'done', outcome: JSON.parse(use) as Outcome };
  }

  async settle(token: string, outcome: Outcome): Promise<void> {
    await this.redis.set(this.key('use', token), JSON.stringify(outcome), 'PX', this.retainMs);
  }

  async reserveCredits(sessionId: string, credits: number, maxCredits: number): Promise<boolean> {
    const added = await this.redis.eval(RESERVE, 1, this.key('spent', sessionId), credits, maxCredits, this.retainMs);
    return added === 1;
  }

  async releaseCredits(sessionId: string, credits: number): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key('spent', sessionId), credits, this.retainMs);
  }

  async spentCredits(sessionId: string): Promise<number> {
    return Number((await this.redis.get(this.key('spent', sessionId))) ?? 0);
  }
}
