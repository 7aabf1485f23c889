// Set-up shared by the tests of several instances on one Redis: a redis-server and a job stand-in started
// once per file, and a fresh connection (and store) per simulated instance, all closed after the file.
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RedisJobStore } from '../../src/index.js';
import { type JobStandIn, startJobStandIn } from './job-standin.js';
import { type RunningRedis, startRedis } from './redis-server.js';

export interface SharedRedis {
  readonly redis: RunningRedis;
  readonly standIn: JobStandIn;
  /** A store on its own connection, as one more instance of the app would have. */
  storeOf(): RedisJobStore;
}

/** Registers the file's beforeAll/afterAll; read the fields inside tests (they are set by then). */
export function useSharedRedis(prefix: string): SharedRedis {
  const conns: Redis[] = [];
  const shared = {
    storeOf() {
      const c = new Redis(shared.redis.url, { maxRetriesPerRequest: 1 });
      conns.push(c);
      return new RedisJobStore(c, { prefix });
    },
  } as SharedRedis & { redis: RunningRedis; standIn: JobStandIn };
  beforeAll(async () => {
    shared.redis = await startRedis();
    shared.standIn = await startJobStandIn();
  });
  afterAll(async () => {
    await Promise.all(conns.map((c) => c.quit().catch(() => c.disconnect())));
    await shared.standIn?.close();
    await shared.redis?.stop();
  });
  return shared;
}
