/**
 * A server process cut off by `kill -9` right after Baileys was told its session is saved: writes creds
 * and keys through the database auth state, says "saved" and kills itself. Run by auth-state.test.ts.
 */
import { Curve } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { openDatabaseAuthState } from '../../../src/channels/whatsapp/auth-state.js';
import { createSeal } from '../../../src/channels/whatsapp/seal.js';
import { openDb } from '../../../src/db.js';
import { createWhatsAppStore } from '../../../src/store/whatsapp.js';
import { dialectFor } from '../../../src/store/dialect.js';
import { createWriter } from '../../../src/store/writer.js';

const [url, keyHex] = process.argv.slice(2);
const db = await openDb(url!);
const store = createWhatsAppStore(db.read, createWriter(db.write, dialectFor(db.engine), pino({ level: 'silent' })));
const auth = await openDatabaseAuthState(store, createSeal(Buffer.from(keyHex!, 'hex')));
auth.state.creds.me = { id: '628111222333:4@s.whatsapp.net' };
await auth.saveCreds();
await auth.state.keys.set({ 'pre-key': { '9': Curve.generateKeyPair() }, session: { 'x.0': Buffer.from('sesi') } });
process.stdout.write(`saved ${Buffer.from(auth.state.creds.noiseKey.private).toString('hex')}\n`, () => {
  process.kill(process.pid, 'SIGKILL');
});
