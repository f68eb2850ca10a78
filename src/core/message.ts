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
   * such notion (the console), which allows it.
   */
  readonly isChatAdmin?: boolean;
}

/** One message as a channel hands it to the core, whatever the platform. */
export interface Inbound {
  readonly chat: ChatRef;
  readonly sender: SenderRef;
  /** Unique within the chat; a redelivered message carries the same id. */
  readonly messageId: string;
  readonly text: string;
}

/** What the bot says: an answer in the chat a message came from, or a message it sends on its own. */
export interface Reply {
  readonly text: string;
  /**
   * Buttons under the message where the channel has them (Telegram); pressing one is the same as
   * sending its command text. Channels without buttons show the text alone, which names the commands.
   */
  readonly actions?: readonly { label: string; command: string }[];
}

/**
 * Sends to a chat without an inbound message to answer (reminders, notices). Each channel implements
 * it; a send that resolves has been accepted by the platform, one that rejects may be tried again.
 */
export interface ChannelSender {
  readonly channel: ChannelName;
  send(chatId: string, replies: readonly Reply[]): Promise<void>;
}

/** The key that makes an inbound message apply at most once. */
export function inboundKey(message: Inbound): string {
  return `${message.chat.channel}:${message.chat.id}:${message.messageId}`;
}
