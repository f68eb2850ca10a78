import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import type { WhatsAppStore } from '../../core/index.js';
import type { Seal } from './seal.js';

const CREDS = 'creds';

export interface DatabaseAuthState {
  readonly state: AuthenticationState;
  /** Writes the creds as they are now; called on every `creds.update`. */
  saveCreds(): Promise<void>;
  /** Forgets the session (after a log-out): the next start links the number again. */
  clear(): Promise<void>;
}

/**
 * Baileys' auth state kept in the database instead of `useMultiFileAuthState`'s folder: one row for the
 * creds and one per Signal key (`<type>-<id>`). Values are BufferJSON text, so Buffers and Uint8Arrays
 * come back as Buffers; every `keys.set` is one transaction, and it has committed when it resolves, so
 * a crash right after loses nothing Baileys was told is saved.
 */
export async function openDatabaseAuthState(store: WhatsAppStore, seal: Seal): Promise<DatabaseAuthState> {
  const encode = (key: string, value: unknown) => seal.seal(key, JSON.stringify(value, BufferJSON.replacer));
  const decode = (key: string, stored: string): unknown => JSON.parse(seal.open(key, stored), BufferJSON.reviver);

  const stored = (await store.readAuth([CREDS])).get(CREDS);
  const creds = stored === undefined ? initAuthCreds() : (decode(CREDS, stored) as AuthenticationCreds);

  const state: AuthenticationState = {
    creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const rows = await store.readAuth(ids.map((id) => `${type}-${id}`));
        const found: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const key = `${type}-${id}`;
          const row = rows.get(key);
          if (row === undefined) continue;
          const value = decode(key, row);
          // Baileys calls methods on this one, so it must be the protobuf class, not a plain object.
          found[id] = (
            type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value
          ) as SignalDataTypeMap[T];
        }
        return found;
      },
      async set(data) {
        const entries = new Map<string, string | null>();
        for (const [type, values] of Object.entries(data)) {
          for (const [id, value] of Object.entries(values ?? {})) {
            const key = `${type}-${id}`;
            entries.set(key, value === null || value === undefined ? null : encode(key, value));
          }
        }
        await store.writeAuth(entries);
      },
    },
  };

  return {
    state,
    saveCreds: () => store.writeAuth(new Map([[CREDS, encode(CREDS, creds)]])),
    clear: () => store.clearAuth(),
  };
}
