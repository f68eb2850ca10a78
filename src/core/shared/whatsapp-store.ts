/** A message the bot sent on WhatsApp, as the channel stores it (content already serialized). */
export interface SentWhatsAppMessage {
  readonly id: string;
  readonly chatJid: string;
  readonly replyTo: string | null;
  readonly content: string;
}

/**
 * Rows of the WhatsApp channel: its session (creds and Signal keys) and what it sent. Values are opaque
 * strings here; the channel serializes and seals them. Writes go through the single writer.
 */
export interface WhatsAppStore {
  readAuth(keys: readonly string[]): Promise<Map<string, string>>;
  /** Sets (string) or removes (null) each key, all in one transaction. */
  writeAuth(entries: ReadonlyMap<string, string | null>): Promise<void>;
  clearAuth(): Promise<void>;
  saveSent(message: SentWhatsAppMessage): Promise<void>;
  sentContent(id: string): Promise<string | null>;
  /** Forgets sent messages older than this; retry requests come within minutes, not days. */
  pruneSent(before: Date): Promise<number>;
}
