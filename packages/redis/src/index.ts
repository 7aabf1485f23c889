// @a2e-sdk/redis: durable, shared state for @a2e-sdk/client on Redis (server-only).
export { RedisJobStore, type RedisJobStoreOptions } from './job-store.js';
export { RedisSessionStore } from './session-store.js';
export type { KeyOptions } from './keys.js';
export type { JobStore, LedgerEntry, SessionStore, SharedSession } from './types.js';
export { RedisSafetyStore, type RedisSafetyStoreOptions } from './safety-store.js';
