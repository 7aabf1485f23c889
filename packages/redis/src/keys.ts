// Key names, all under one prefix so several apps (or test runs) can share a Redis database.
export interface KeyOptions {
  /** Prefix of every key this store writes. Default `a2e:`. */
  prefix?: string;
}

export function keys(prefix = 'a2e:') {
  return {
    // Entries under their own sub-prefix: no ledger key (chosen by callers) can be the open set's name.
    entry: (key: string) => `${prefix}ledger:entry:${key}`,
    open: `${prefix}ledger:open`,
    claim: (key: string) => `${prefix}claim:${key}`,
    lease: (name: string) => `${prefix}lease:${name}`,
    outcome: (family: string, id: string) => `${prefix}outcome:${family}:${id}`,
    outcomes: `${prefix}outcomes`,
    slots: `${prefix}session-slots`,
    session: (channel: string) => `${prefix}session:${channel}`,
    sessionsByExpiry: `${prefix}sessions-by-expiry`,
  };
}
