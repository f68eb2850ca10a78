/**
 * Values computed from the database as it stood at one version (SQLite's data_version, which moves on
 * every commit), kept until the version moves: while nothing was committed, computing again would give
 * the same value, so a hit is exact rather than "fresh enough". A null version (PostgreSQL, where there
 * is no such counter) keeps nothing.
 *
 * `maxAgeMs` bounds what the version cannot see: a value built partly from the stores' short-lived
 * in-memory caches (fund names, chat titles) is not kept longer than those would be.
 */
export interface VersionedCache<V> {
  get(version: number | null, key: string): V | undefined;
  /** Kept only if `version` is still the current one: a value read before a commit is not stored after it. */
  set(version: number | null, key: string, value: V): void;
}

export function createVersionedCache<V>(maxEntries: number, maxAgeMs: number, now: () => number = Date.now): VersionedCache<V> {
  let current: number | null = null;
  const entries = new Map<string, { value: V; at: number }>();
  return {
    get(version, key) {
      if (version === null) return undefined;
      if (version !== current) {
        entries.clear();
        current = version;
        return undefined;
      }
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.at <= maxAgeMs) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(version, key, value) {
      if (version === null || version !== current) return;
      // The oldest first: a Map iterates in insertion order.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, at: now() });
    },
  };
}
