import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WksError } from '../../core/index.js';

/**
 * Seals what the WhatsApp channel stores (the session's keys, the bot's sent messages) with AES-256-GCM
 * when a key is configured. The row's own key is the associated data, so a sealed value copied into
 * another row does not open. Without a key, values are stored as they are.
 */
export interface Seal {
  seal(rowKey: string, plain: string): string;
  open(rowKey: string, stored: string): string;
}

const PREFIX = 'gcm1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createSeal(key: Buffer | undefined): Seal {
  if (key && key.length !== 32) throw new WksError('WKS_ERR_CONFIG', 'the WhatsApp auth key must be 32 bytes');
  return {
    seal(rowKey, plain) {
      if (!key) return plain;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(rowKey));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(rowKey, stored) {
      // A value written before the key was set is read as it is; the next write seals it.
      if (!stored.startsWith(PREFIX)) return stored;
      if (!key) {
        throw new WksError('WKS_ERR_CONFIG', 'the stored WhatsApp session is encrypted: set WHATSAPP_AUTH_KEY');
      }
      const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(rowKey));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new WksError('WKS_ERR_CONFIG', 'WHATSAPP_AUTH_KEY does not open the stored WhatsApp session', { cause: error });
      }
    },
  };
}
