/**
 * What every command reads (the chat's WKSBM, the caller's role, the funds) is kept in memory for a
 * short time so the write path does not wait on reads. A short lifetime bounds how stale another
 * process's change (the console, a second server) can look here.
 */
export interface Cache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
}

export function createCache<V>(ttlMs: number, now: () => number = Date.now): Cache<V> {
  const entries = new Map<string, { value: V; expires: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      entries.set(key, { value, expires: now() + ttlMs });
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}
