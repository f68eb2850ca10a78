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
}

/** One message as a channel hands it to the core, whatever the platform. */
export interface Inbound {
  readonly chat: ChatRef;
  readonly sender: SenderRef;
  /** Unique within the chat; a redelivered message carries the same id. */
  readonly messageId: string;
  readonly text: string;
}

/** What the bot answers, in the chat the message came from. */
export interface Reply {
  readonly text: string;
}

/** The key that makes an inbound message apply at most once. */
export function inboundKey(message: Inbound): string {
  return `${message.chat.channel}:${message.chat.id}:${message.messageId}`;
}
