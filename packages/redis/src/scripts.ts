// Lua scripts: each runs atomically on the server, so two processes can never both pass a check that
// only one may pass (a ledger key written twice, a session slot over the cap, a lease held by two).

/** KEYS: entry, open set. ARGV: entry JSON, ledger key. 1 = written, 0 = the key was there already. */
export const BEGIN = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('SADD', KEYS[2], ARGV[2])
  return 1
end
return 0`;

/**
 * KEYS: entry, open set. ARGV: patch JSON, ledger key, lifetime of a closed entry in ms. Merges the
 * patch; an entry that reached `terminal` or `refused` leaves the open set (resume no longer sees it)
 * and expires after that lifetime, so the ledger does not grow for ever. 0 = no such entry.
 */
export const UPDATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local entry = cjson.decode(raw)
for k, v in pairs(cjson.decode(ARGV[1])) do entry[k] = v end
redis.call('SET', KEYS[1], cjson.encode(entry), 'KEEPTTL')
if entry.state == 'terminal' or entry.state == 'refused' then
  redis.call('SREM', KEYS[2], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1`;

/** KEYS: lease. ARGV: holder, ttl ms. Taken when free; renewed when its holder asks again. */
export const LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

/**
 * KEYS: slot set (a sorted set scored by lapse time). ARGV: slot, max, ttl ms. Drops lapsed slots, then
 * takes one only if fewer than max are held. The server's clock decides, so processes' clocks may differ.
 */
export const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1`;
