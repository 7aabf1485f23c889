import { createA2EClient, type ClientOptions } from '../../src/index.js';

/** A client for the scripted server: fast backoff so retry tests take milliseconds. */
export const testClient = (baseUrl: string, options: ClientOptions = {}) =>
  createA2EClient({ apiKey: 'sk_test_key_0000', baseUrl, backoff: { initialDelayMs: 5, maxDelayMs: 20 }, ...options });
