import type { Api } from 'grammy';

/**
 * Who administers each group, from getChatAdministrators, kept for a short time. A `chat_member`
 * update forgets the chat at once; without one (the bot is not an admin and gets none), the lifetime
 * bounds how long a demoted admin keeps pengurus rights.
 */
export interface AdminCache {
  isAdmin(chatId: number, userId: number): Promise<boolean>;
  forget(chatId: number): void;
}

/**
 * getChatAdministrators failed while the inbox can still try the update again: thrown so the inbox
 * worker retries it with backoff instead of the core answering "coba lagi sebentar" and the update
 * being done with (a /setor acknowledged to Telegram would be lost).
 */
export class AdminStatusUnknown extends Error {
  constructor() {
    super('the group admin list could not be read');
    this.name = 'AdminStatusUnknown';
  }
}

export function createAdminCache(api: Api, ttlMs: number, now: () => number = Date.now): AdminCache {
  const chats = new Map<number, { admins: Promise<Set<number>>; expires: number }>();
  return {
    async isAdmin(chatId, userId) {
      let entry = chats.get(chatId);
      if (!entry || entry.expires <= now()) {
        const admins = api.getChatAdministrators(chatId).then((members) => new Set(members.map((m) => m.user.id)));
        entry = { admins, expires: now() + ttlMs };
        chats.set(chatId, entry);
        // A failed lookup must not be remembered.
        admins.catch(() => chats.delete(chatId));
      }
      return (await entry.admins).has(userId);
    },
    forget(chatId) {
      chats.delete(chatId);
    },
  };
}
