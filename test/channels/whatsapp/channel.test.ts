import { randomBytes } from 'node:crypto';
import { DisconnectReason, type UserFacingSocketConfig } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWhatsAppChannel, type ChannelSocket, type WhatsAppChannel } from '../../../src/channels/whatsapp/channel.js';
import { buildApp } from '../../../src/http/app.js';
import { createWhatsAppStore } from '../../../src/store/whatsapp.js';
import { createFakeSocket } from '../../helpers/whatsapp-socket.js';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;
let channel: WhatsAppChannel;
let sockets: (ChannelSocket & { ended: boolean; pairingAsked: string[] })[];
let configs: UserFacingSocketConfig[];
let shown: string[];

function newChannel(options: { pairingNumber?: string; authKey?: Buffer } = {}) {
  return createWhatsAppChannel({
    core: world.core,
    store: createWhatsAppStore(world.db.read, world.writer),
    inbox: world.stores.inbox,
    clock: world.clock,
    log: pino({ level: 'silent' }),
    authKey: options.authKey,
    pairingNumber: options.pairingNumber,
    reconnectBaseMs: 20,
    show: (text) => shown.push(text),
    makeSocket(config) {
      configs.push(config);
      const socket = Object.assign(createFakeSocket().socket, {
        ended: false,
        pairingAsked: [] as string[],
        async requestPairingCode(number: string) {
          socket.pairingAsked.push(number);
          return 'ABCD1234';
        },
        end() {
          socket.ended = true;
        },
      });
      sockets.push(socket);
      return socket;
    },
  });
}

const close = (socket: ChannelSocket, statusCode: number) =>
  socket.ev.emit('connection.update', {
    connection: 'close',
    lastDisconnect: { error: Object.assign(new Error('closed'), { output: { statusCode } }), date: new Date() },
  });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  world = await createWorld();
  sockets = [];
  configs = [];
  shown = [];
  channel = newChannel();
});
afterEach(async () => {
  await channel.stop();
  await world.close();
});

describe('WhatsApp channel connection', () => {
  it('links with a QR code, saves the creds on every creds.update, and reports connected', async () => {
    await channel.start();
    expect(channel.status()).toBe('connecting');
    const [socket] = sockets;
    socket!.ev.emit('connection.update', { connection: 'connecting', qr: '2@abc,def,ghi' });
    await wait(50);
    expect(shown.join('\n')).toContain('Pindai kode QR ini di WhatsApp');
    expect(channel.status()).toMatch(/^waiting to be linked: scan the QR code/);

    configs[0]!.auth.creds.me = { id: '628111222333:4@s.whatsapp.net' };
    configs[0]!.auth.creds.registered = true;
    socket!.ev.emit('creds.update', { me: configs[0]!.auth.creds.me });
    // Sent messages older than two weeks are no longer needed for retry requests.
    const old = { chatJid: '1@g.us', content: '', createdAt: new Date(Date.now() - 15 * 24 * 3600 * 1000) };
    await world.writer.run((tx) =>
      tx.whatsAppMessage.createMany({ data: [{ id: 'OLD', ...old }, { id: 'NEW', ...old, createdAt: new Date() }] }),
    );
    socket!.ev.emit('connection.update', { connection: 'open' });
    expect(channel.status()).toBe('connected');
    await wait(50);
    await world.writer.idle();
    expect((await world.db.read.whatsAppMessage.findMany()).map((row) => row.id)).toEqual(['NEW']);
    const creds = await world.db.read.whatsAppAuth.findUniqueOrThrow({ where: { key: 'creds' } });
    expect(creds.value).toContain('628111222333:4@s.whatsapp.net');

    // A retry request for a message the bot never sent finds nothing rather than failing.
    expect(await configs[0]!.getMessage!({ remoteJid: '1@g.us', id: 'NOPE' })).toBeUndefined();
  });

  it('prints a pairing code, once, instead of the QR code when WHATSAPP_PAIRING_NUMBER is set', async () => {
    channel = newChannel({ pairingNumber: '628111222333' });
    await channel.start();
    const [socket] = sockets;
    socket!.ev.emit('connection.update', { qr: '2@first' });
    socket!.ev.emit('connection.update', { qr: '2@second' });
    await wait(50);
    expect(socket!.pairingAsked).toEqual(['628111222333']);
    expect(shown).toEqual([expect.stringContaining('Kode tautan WhatsApp untuk 628111222333: ABCD1234')]);
    expect(channel.status()).toMatch(/pairing code/);
  });

  it('reconnects at once after restartRequired and with backoff after a lost connection, on the same session', async () => {
    await channel.start();
    close(sockets[0]!, DisconnectReason.restartRequired);
    await wait(10);
    expect(sockets).toHaveLength(2);
    close(sockets[1]!, DisconnectReason.connectionLost);
    expect(channel.status()).toMatch(/^reconnecting in \d+ s \(code 408\)$/);
    await wait(100);
    expect(sockets).toHaveLength(3);
    expect(configs[2]!.auth.creds).toBe(configs[0]!.auth.creds);
    sockets[2]!.ev.emit('connection.update', { connection: 'open' });
    expect(channel.status()).toBe('connected');
  });

  it('stops WhatsApp on loggedOut, forgets the session, says so on /healthz, and keeps the server answering', async () => {
    await channel.start();
    configs[0]!.auth.creds.registered = true;
    sockets[0]!.ev.emit('creds.update', { registered: true });
    await world.writer.idle();
    close(sockets[0]!, DisconnectReason.loggedOut);
    await wait(100);
    await world.writer.idle();
    expect(sockets).toHaveLength(1);
    expect(await world.db.read.whatsAppAuth.count()).toBe(0);

    const app = await buildApp({
      log: pino({ level: 'silent' }),
      version: 'test',
      channels: () => ({ whatsapp: channel.status() }),
      checkDatabase: async () => {
        await world.db.read.$queryRawUnsafe('SELECT 1');
      },
    });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json().channels.whatsapp).toMatch(/^logged out: /);
    await app.close();
  });

  it('does not fight another session of the same number (connectionReplaced)', async () => {
    await channel.start();
    close(sockets[0]!, DisconnectReason.connectionReplaced);
    await wait(100);
    expect(sockets).toHaveLength(1);
    expect(channel.status()).toMatch(/^off: another session/);
  });

  it('stays off, naming the problem, when WHATSAPP_AUTH_KEY does not open the stored session', async () => {
    const sealed = newChannel({ authKey: randomBytes(32) });
    await sealed.start();
    sockets[0]!.ev.emit('creds.update', {});
    await sealed.stop();
    await world.writer.idle();
    channel = newChannel({ authKey: randomBytes(32) });
    await channel.start();
    expect(channel.status()).toBe('off: WHATSAPP_AUTH_KEY does not open the stored WhatsApp session');
    expect(sockets).toHaveLength(1);
  });

  it('ends the socket on stop and does not reconnect when it then closes', async () => {
    await channel.start();
    await channel.stop();
    expect(sockets[0]!.ended).toBe(true);
    close(sockets[0]!, DisconnectReason.connectionClosed);
    await wait(100);
    expect(sockets).toHaveLength(1);
    expect(channel.status()).toBe('off: stopped');
  });
});
