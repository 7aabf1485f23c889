export { createSharedSessions, SHARED_SESSION_MARGIN_MS, type SharedSessions } from './shared-sessions.js';
