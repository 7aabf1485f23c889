// Compile-time check (`pnpm typecheck`): the Redis stores fit the interfaces @a2e-sdk/client's tracker
// and proxy take. It fails to compile when the two drift apart.
import type { JobStore, SessionStore } from '../../client/src/lib/tracker/store.js';
import type { RedisJobStore, RedisSessionStore } from '../src/index.js';

export const jobStoreFits = (s: RedisJobStore): JobStore => s;
export const sessionStoreFits = (s: RedisSessionStore): SessionStore => s;
