// `@a2e-sdk/client/proxy`: the server-only handler that lets a browser app reach A2E through your own
// origin with your key. A subpath of its own so that browser bundles of the main entry never carry it.
export { createA2EProxy, type A2EProxyOptions } from './handler.js';
export type { StreamingProxyOptions } from './streaming.js';
