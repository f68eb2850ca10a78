import type { GroupMetadata } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { createCache } from '../../store/cache.js';

/**
 * Group metadata (subject, participants, who is admin), asked of WhatsApp once per group and kept:
 * it tells the core who the group's admins are, and Baileys needs it for every send to a group.
 * Participant and group updates make it ask again; the lifetime bounds what a missed update costs.
 */
export interface GroupCache {
  get(jid: string): Promise<GroupMetadata | null>;
  /** What is cached, without asking WhatsApp (Baileys' `cachedGroupMetadata`). */
  peek(jid: string): GroupMetadata | undefined;
  forget(jid: string): void;
}

const TTL_MS = 60 * 60 * 1000;

export function createGroupCache(fetch: (jid: string) => Promise<GroupMetadata>, log: Logger): GroupCache {
  const cache = createCache<GroupMetadata>(TTL_MS);
  const asking = new Map<string, Promise<GroupMetadata | null>>();

  async function ask(jid: string): Promise<GroupMetadata | null> {
    try {
      const metadata = await fetch(jid);
      cache.set(jid, metadata);
      return metadata;
    } catch (error) {
      log.warn({ group: jid, err: error }, 'group metadata unavailable');
      return null;
    } finally {
      asking.delete(jid);
    }
  }

  return {
    get(jid) {
      const cached = cache.get(jid);
      if (cached) return Promise.resolve(cached);
      let pending = asking.get(jid);
      if (!pending) {
        pending = ask(jid);
        asking.set(jid, pending);
      }
      return pending;
    },
    peek: (jid) => cache.get(jid),
    forget: (jid) => cache.delete(jid),
  };
}
