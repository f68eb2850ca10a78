/** The channels a message can come from. */
export type ChannelName = 'console' | 'telegram' | 'whatsapp';

/** A chat as its channel names it. A private chat is one person talking to the bot. */
export interface ChatRef {
  readonly channel: ChannelName;
  readonly id: string;
  readonly kind: 'group' | 'private';
  readonly title?: string;
}

/** A person as the channel names them: a stable platform id and the name they go by there. */
export interface SenderRef {
  readonly id: string;
  readonly name: string;
  /**
   * Whether the platform lists the sender as an administrator of the group. Group admins are the
   * pengurus candidates: only they may link a group with /mulai. Undefined where a channel has no
   * such notion (the console), which allows it. Null where the platform has the notion but could not
   * say just now (its admin list failed to load): what depends on it is refused with "coba lagi sebentar".
   */
  readonly isChatAdmin?: boolean | null;
}

/**
 * A person tagged in the text (WhatsApp's `@628123456789`), resolved by the channel: `token` is the tag
 * exactly as it appears in the text, the rest names the person like a sender.
 */
export interface Mention extends SenderRef {
  readonly token: string;
}

/** An image as a channel fetched it from its platform. */
export interface PhotoFile {
  readonly bytes: Uint8Array;
  readonly mimeType: string;
}

/** One message as a channel hands it to the core, whatever the platform. */
export interface Inbound {
  readonly chat: ChatRef;
  readonly sender: SenderRef;
  /** Unique within the chat; a redelivered message carries the same id. */
  readonly messageId: string;
  readonly text: string;
  /** People tagged in the text, where the platform has tags; a command may name a person by one. */
  readonly mentions?: readonly Mention[];
  /**
   * A photo sent with the message (its caption is `text`): the platform's reference to it, and where the
   * channel can fetch it, `load` to get the image itself; called only when the core keeps it (a proof).
   */
  readonly photo?: { readonly ref: string; readonly load?: () => Promise<PhotoFile> };
  /**
   * The message in the same chat this one answers (a photo replying to a /setor), if any; `botText` is
   * its text when it is one of the bot's own messages (the "✅ #12 Setoran…" a photo may answer).
   */
  readonly replyTo?: { readonly messageId: string; readonly botText?: string };
  /**
   * Where the platform has deep links: the link that opens a private chat with the bot, ending where a
   * start payload goes (Telegram: `https://t.me/<bot>?start=`).
   */
  readonly privateStartLink?: string;
  /**
   * The bot's own name where a command can name the bot it is for (Telegram's `/setor@wksbm_bot`):
   * a command naming another bot is not for this one and is ignored.
   */
  readonly botUsername?: string;
  /**
   * The message may have been handled before (its handling was cut short by a crash or failed after
   * its change was committed): what it already changed is answered again, whatever has changed since
   * (admin status, role), instead of being decided anew.
   */
  readonly redelivered?: boolean;
}

/** A choice offered under a message; choosing it is the same as sending `command` (e.g. `/sahkan 13`). */
export interface ReplyAction {
  readonly label: string;
  readonly command: string;
  /**
   * Choosing it settles the message (a pending setoran confirmed or refused): the channel may replace
   * the message with the outcome. Otherwise the message stays for everyone else (Hadir/Izin under a
   * reminder) and only the one who chose hears the outcome.
   */
  readonly settles?: boolean;
}

/** What the bot says: an answer in the chat a message came from, or a message it sends on its own. */
export interface Reply {
  readonly text: string;
  /** Buttons where the channel has them; the text always says how to type the same thing. */
  readonly actions?: readonly ReplyAction[];
  /**
   * The message was refused and changed nothing. Channels may show it differently: a Telegram button
   * press that is refused becomes an alert to the presser instead of a message to the group.
   */
  readonly refused?: boolean;
}

/** The message a reply answers, as a channel needs it to quote it (WhatsApp quotes the text as well). */
export interface Quote {
  readonly messageId: string;
  /** Who wrote it, where the platform names the author in a quote (a WhatsApp group participant). */
  readonly author?: string;
  readonly text?: string;
}

export interface SendOptions {
  /** The first reply quotes this message. */
  readonly quote?: Quote;
  /** Aborted when the process stops: a send still in flight then is given up (and tried again later). */
  readonly signal?: AbortSignal;
  /**
   * Names this send across its retries (the outbox message's dedupe key, with the document's place): a
   * channel that lets the sender choose message ids (WhatsApp) makes a re-send the same message.
   */
  readonly sendKey?: string;
}

/** A file the bot sends (an LPJ): written to disk first, so a channel can stream it instead of holding it. */
export interface OutgoingDocument {
  /** The name the recipient sees: `LPJ-WKSBM-Sukamaju-2026-11.pdf`. */
  readonly fileName: string;
  readonly path: string;
  readonly mimeType: string;
}

/**
 * Sends what the outbox holds. Each channel implements it; a send that resolves has been accepted by
 * the platform, one that rejects may be tried again (the outbox does, with backoff). A channel with
 * buttons also answers presses: `edit` replaces a message's text, `answerPress` tells only the presser.
 */
export interface ChannelSender {
  readonly channel: ChannelName;
  send(chatId: string, replies: readonly Reply[], options?: SendOptions): Promise<void>;
  edit?(chatId: string, messageId: string, text: string, options?: SendOptions): Promise<void>;
  /** Telegram's sendDocument, a WhatsApp document message, a file in the console's folder. */
  sendDocument(chatId: string, document: OutgoingDocument, options?: SendOptions): Promise<void>;
  answerPress?(pressId: string, answer: { readonly text?: string; readonly alert?: boolean }, options?: SendOptions): Promise<void>;
}

/** The key that makes an inbound message apply at most once. */
export function inboundKey(message: Inbound): string {
  return `${message.chat.channel}:${message.chat.id}:${message.messageId}`;
}

/**
 * A person's private chat with the bot, from their identity on a channel: a Telegram private chat's id
 * is the user's id, a WhatsApp chat is the person's JID, and the console names private chats so.
 */
export const PRIVATE_CHAT: Record<ChannelName, (externalId: string) => string> = {
  telegram: (id) => id,
  whatsapp: (id) => id,
  console: (id) => `private:${id}`,
};

/**
 * The identity a channel names a person's private chat by when it knows them under several: on WhatsApp
 * the phone number (the JID the channel names people by when it knows it), not the LID. Lower is preferred.
 */
const PRIVATE_CHAT_RANK: Partial<Record<ChannelName, (externalId: string) => number>> = {
  whatsapp: (id) => (id.endsWith('@s.whatsapp.net') ? 0 : 1),
};

/**
 * People's private chats with the bot: one per person and channel, however many identities they have
 * there. A WhatsApp user known by LID and by phone number (two identities, one person) has one
 * conversation with the bot, and a notice or a reminder reaches them once. Identities of channels
 * without private chats are skipped; among equals the first given (the oldest) wins.
 */
export function privateChatsOf(
  identities: readonly { readonly personId: number; readonly channel: string; readonly externalId: string }[],
): { personId: number; channel: ChannelName; chatId: string }[] {
  const chosen = new Map<string, { personId: number; channel: ChannelName; externalId: string }>();
  for (const { personId, channel, externalId } of identities) {
    if (!(channel in PRIVATE_CHAT)) continue;
    const rank = PRIVATE_CHAT_RANK[channel as ChannelName] ?? (() => 0);
    const key = `${personId}:${channel}`;
    const current = chosen.get(key);
    if (!current || rank(externalId) < rank(current.externalId)) chosen.set(key, { personId, channel: channel as ChannelName, externalId });
  }
  return [...chosen.values()].map(({ personId, channel, externalId }) => ({ personId, channel, chatId: PRIVATE_CHAT[channel](externalId) }));
}
