import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Curve, proto, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabaseAuthState } from '../../../src/channels/whatsapp/auth-state.js';
import { createSeal } from '../../../src/channels/whatsapp/seal.js';
import { openDb, type Db } from '../../../src/db.js';
import { createWhatsAppStore } from '../../../src/store/whatsapp.js';
import { dialectFor } from '../../../src/store/dialect.js';
import { createWriter } from '../../../src/store/writer.js';
import { ROOT } from '../../helpers/paths.js';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;
const restarted: Db[] = [];
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  for (const db of restarted.splice(0)) await db.close();
  await world.close();
});

const silent = pino({ level: 'silent' });

/** The auth state over the world's database file, as the server opens it at start-up. */
function open(db: Db, key?: Buffer) {
  return openDatabaseAuthState(createWhatsAppStore(db.read, createWriter(db.write, dialectFor(db.engine), silent)), createSeal(key));
}

/** A new process: new connections to the same database, nothing shared in memory. */
async function restart(key?: Buffer) {
  const db = await openDb(world.db.url);
  restarted.push(db);
  return { db, auth: await open(db, key) };
}

function someKeys() {
  const preKey = Curve.generateKeyPair();
  const appStateKey = proto.Message.AppStateSyncKeyData.fromObject({
    keyData: randomBytes(32),
    fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 1] },
    timestamp: 1_700_000_000,
  });
  return {
    'pre-key': { '1': preKey },
    session: { '628123456789.0': new Uint8Array(randomBytes(64)) },
    'sender-key': { '120363000000000001@g.us::628123456789::0': randomBytes(48) },
    'app-state-sync-key': { AAAAAFXb: appStateKey },
    'lid-mapping': { '628123456789': '123456789012345', '123456789012345_reverse': '628123456789' },
  } satisfies { [T in keyof SignalDataTypeMap]?: { [id: string]: SignalDataTypeMap[T] } };
}

describe('WhatsApp auth state in the database', () => {
  it('gives back the creds and every kind of key, Buffers included, after a restart', async () => {
    const first = await open(world.db);
    expect(first.state.creds.registered).toBe(false);
    first.state.creds.me = { id: '628111222333:4@s.whatsapp.net', name: 'Bot WKSBM' };
    first.state.creds.routingInfo = randomBytes(16);
    await first.saveCreds();
    const keys = someKeys();
    await first.state.keys.set(keys);

    const { auth } = await restart();
    const creds = auth.state.creds;
    expect(creds).toEqual(first.state.creds);
    expect(Buffer.isBuffer(creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(creds.signedIdentityKey.public)).toEqual(Buffer.from(first.state.creds.signedIdentityKey.public));
    expect(creds.me?.id).toBe('628111222333:4@s.whatsapp.net');

    const preKey = await auth.state.keys.get('pre-key', ['1', '2']);
    expect(Object.keys(preKey)).toEqual(['1']);
    expect(Buffer.from(preKey['1']!.private)).toEqual(Buffer.from(keys['pre-key']['1'].private));
    expect(Buffer.from(preKey['1']!.public)).toEqual(Buffer.from(keys['pre-key']['1'].public));

    const session = await auth.state.keys.get('session', ['628123456789.0']);
    expect(Buffer.from(session['628123456789.0']!)).toEqual(Buffer.from(keys.session['628123456789.0']));
    const senderKey = await auth.state.keys.get('sender-key', ['120363000000000001@g.us::628123456789::0']);
    expect(Buffer.from(senderKey['120363000000000001@g.us::628123456789::0']!)).toEqual(
      keys['sender-key']['120363000000000001@g.us::628123456789::0'],
    );

    // Baileys reads an app-state key through the protobuf class, so it must come back as one.
    const appState = (await auth.state.keys.get('app-state-sync-key', ['AAAAAFXb']))['AAAAAFXb'];
    expect(appState).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(appState!.keyData!)).toEqual(Buffer.from(keys['app-state-sync-key'].AAAAAFXb.keyData!));
    expect(appState!.fingerprint?.deviceIndexes).toEqual([0, 1]);

    expect(await auth.state.keys.get('lid-mapping', ['628123456789', '123456789012345_reverse'])).toEqual(
      keys['lid-mapping'],
    );
  });

  it('keeps what was saved when the process is killed with kill -9 right after saving', async () => {
    const key = randomBytes(32);
    const writer = path.join(ROOT, 'test', 'channels', 'whatsapp', 'session-writer.ts');
    const run = await new Promise<{ signal: string | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', writer, world.db.url, key.toString('hex')], { cwd: ROOT }, (error, stdout) =>
        resolve({ signal: (error as { signal?: string } | null)?.signal ?? null, stdout }),
      );
    });
    expect(run.signal).toBe('SIGKILL');
    const noiseKey = /^saved ([0-9a-f]+)$/m.exec(run.stdout)?.[1];
    expect(noiseKey).toBeDefined();

    const { auth } = await restart(key);
    expect(auth.state.creds.me?.id).toBe('628111222333:4@s.whatsapp.net');
    expect(Buffer.from(auth.state.creds.noiseKey.private).toString('hex')).toBe(noiseKey);
    expect(Object.keys(await auth.state.keys.get('pre-key', ['9']))).toEqual(['9']);
    expect((await auth.state.keys.get('session', ['x.0']))['x.0']).toEqual(Buffer.from('sesi'));
  });

  it('removes a key set to null and keeps the others', async () => {
    const auth = await open(world.db);
    await auth.state.keys.set(someKeys());
    await auth.state.keys.set({ 'pre-key': { '1': null }, session: { '628123456789.0': null } });
    const { auth: again } = await restart();
    expect(await again.state.keys.get('pre-key', ['1'])).toEqual({});
    expect(await again.state.keys.get('session', ['628123456789.0'])).toEqual({});
    expect(Object.keys(await again.state.keys.get('lid-mapping', ['628123456789']))).toEqual(['628123456789']);
  });

  it('keeps the session encrypted at rest with WHATSAPP_AUTH_KEY and opens it only with that key', async () => {
    const key = randomBytes(32);
    const auth = await open(world.db, key);
    await auth.saveCreds();
    await auth.state.keys.set(someKeys());

    const rows = await world.db.read.whatsAppAuth.findMany();
    expect(rows.length).toBe(7);
    const secret = Buffer.from(auth.state.creds.noiseKey.private).toString('base64');
    for (const row of rows) {
      expect(row.value).toMatch(/^gcm1:/);
      expect(row.value).not.toContain(secret);
      expect(row.value).not.toContain('628123456789');
    }

    const { auth: again } = await restart(key);
    expect(again.state.creds).toEqual(auth.state.creds);
    expect(await again.state.keys.get('lid-mapping', ['628123456789'])).toEqual({ '628123456789': '123456789012345' });

    await expect(restart(randomBytes(32))).rejects.toThrow(/WHATSAPP_AUTH_KEY does not open/);
    await expect(restart()).rejects.toThrow(/set WHATSAPP_AUTH_KEY/);
  });

  it('starts with fresh creds after a log-out clears the session', async () => {
    const auth = await open(world.db);
    auth.state.creds.registered = true;
    await auth.saveCreds();
    await auth.state.keys.set(someKeys());
    await auth.clear();
    const { auth: again } = await restart();
    expect(again.state.creds.registered).toBe(false);
    expect(again.state.creds.noiseKey.private).not.toEqual(auth.state.creds.noiseKey.private);
    expect(await world.db.read.whatsAppAuth.count()).toBe(0);
  });
});
