import { Boom } from '@hapi/boom';
import type { GroupMetadata } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterSocket } from '../../src/channels/whatsapp/adapter.js';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { systemClock, TelegramStartError, type Inbound } from '../../src/core/index.js';
import { buildApp } from '../../src/http/app.js';
import { registerTelegramWebhook } from '../../src/http/telegram-webhook.js';
import { refuseLedgerEntries } from '../helpers/database.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { createMemoryLog } from '../helpers/memory-log.js';
import { startTelegramBot, type TestTelegramBot } from '../helpers/telegram-bot.js';
import { startWhatsApp } from '../helpers/whatsapp-adapter.js';
import { createFakeSocket, waMessage } from '../helpers/whatsapp-socket.js';
import { createWorld, type World } from '../helpers/world.js';

/**
 * Every free-text field people type, each with its own canary, pushed through the real grammY bot, the
 * core and the store at log level trace, then through every failure we can provoke. No canary and no
 * token may appear in any line written.
 */
const GROUP = -100800;
const sri: TestUser = { id: 31, first_name: 'Bu', last_name: 'Sri' };
const ani: TestUser = { id: 32, first_name: 'CANARY-NAME-Ani', last_name: 'Rahayu' };
const CANARY = {
  wksbm: 'CANARY-WKSBM-1a2b',
  chat: 'CANARY-CHAT-3c4d',
  note: 'CANARY-NOTE-5e6f',
  purpose: 'CANARY-PURPOSE-7a8b',
  reason: 'CANARY-REASON-9c0d',
  place: 'CANARY-PLACE-1e2f',
  agenda: 'CANARY-AGENDA-3a4b',
  subject: 'CANARY-SUBJECT-5c6d',
  address: 'CANARY-ADDRESS-7e8f',
  story: 'CANARY-STORY-9a0b',
  failedSend: 'CANARY-FAILED-SEND-1c2d',
  failedUpdate: 'CANARY-FAILED-UPDATE-3e4f',
  database: 'CANARY-DATABASE-5a6b',
  webhook: 'CANARY-WEBHOOK-7c8d',
  name: 'CANARY-NAME-Ani',
} as const;

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot | undefined;
let lines: string[];
let log: ReturnType<typeof createMemoryLog>['log'];

beforeEach(async () => {
  api = await startBotApiServer();
  ({ log, lines } = createMemoryLog());
  world = await createWorld({ log });
  api.setAdmin(GROUP, sri, 'creator');
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await api.close();
  await world.close();
});

const written = () => lines.join('');

const say = (from: TestUser, text: string, chat: number) => api.say(from, text, chat);

function expectNoCanary() {
  const all = written();
  for (const canary of Object.values(CANARY)) expect(all, canary).not.toContain(canary);
  expect(all).not.toContain(api.token);
  expect(all).not.toContain('TEST-token');
}

describe('logs at level trace, through every flow and failure', () => {
  it('hold no text people typed, no reply, no update and no token', async () => {
    bot = await startTelegramBot(world, api, { log, adminTtlMs: 0 });
    world.notifier.viaOutbox('telegram');
    bot.channel.startPolling();

    // 1. every flow, with a canary in each free-text field
    await say(sri, `/mulai ${CANARY.wksbm}`, GROUP);
    api.push(api.message(GROUP, ani, `Assalamualaikum ${CANARY.chat}`));
    await say(sri, `/setor 50rb kas dari ${CANARY.name} ${CANARY.note}`, GROUP);
    await say(sri, `/keluar 1000 kas ${CANARY.purpose}`, GROUP);
    await say(sri, `/koreksi 2 ${CANARY.reason}`, GROUP);
    await say(sri, `/rapat insidental besok 19.00 ${CANARY.place} | ${CANARY.agenda}`, GROUP);
    await say(ani, `/setor 5000 kas ${CANARY.note}`, GROUP);
    const id = (await world.db.read.wksbm.findFirstOrThrow()).id;
    await say(ani, `/start lapor_${id}`, ani.id);
    for (const answer of ['9', CANARY.subject, CANARY.address, CANARY.story, '2', 'lewati', '2']) await say(ani, answer, ani.id);
    expect(await world.db.read.case.count()).toBe(1);

    // 2. a reply that cannot be sent (the Bot API is down for it); the outbox tries it again
    api.outage('sendMessage', 1);
    await say(sri, `/setor 2000 kas ${CANARY.failedSend}`, GROUP);
    await waitForLine('send failed, will retry');

    // 3. the admin list cannot be fetched: "coba lagi sebentar", logged without the update
    api.outage('getChatAdministrators', 2);
    await say(sri, `/setor 3000 kas ${CANARY.failedUpdate}`, GROUP);
    await waitForLine('admin status unknown');

    // 4. a database error whose message quotes the values it was writing: the update fails, is tried
    // again, and after the last try the group is told
    await refuseLedgerEntries(world.db);
    const before = lines.length;
    expect(await say(sri, `/setor 4000 kas ${CANARY.database}`, GROUP)).toContain('kesalahan di server');
    expect(lines.slice(before).join('')).toContain('update given up');
    await bot.stop();

    // 5. a webhook update that cannot be stored (a database error quoting the update), through Fastify
    const app = await buildApp({ log, version: 'test', checkDatabase: async () => {}, channels: () => ({}) });
    const secret = 'rahasia-webhook-0123456789';
    registerTelegramWebhook(app, { path: '/telegram', secret, log, receive: (update) => bot!.channel.receive(update as never) });
    await world.db.write.$executeRawUnsafe(
      "CREATE TRIGGER refuse_update BEFORE INSERT ON InboxUpdate BEGIN SELECT RAISE(ABORT, 'refused: ' || NEW.payload); END",
    );
    const response = await app.inject({
      method: 'POST',
      url: `/telegram?token=${api.token}`,
      headers: { 'x-telegram-bot-api-secret-token': secret },
      payload: { update_id: 900, ...api.message(GROUP, sri, `/setor 5000 kas ${CANARY.webhook}`) },
    });
    expect(response.statusCode).toBe(500);
    await app.close();

    // 6. start-up failing: an unreachable API and a refused token
    for (const options of [{ apiRoot: 'http://127.0.0.1:9' }, { apiRoot: api.url, token: '999999:WRONG-token-abcdef' }]) {
      const failing = createTelegramChannel({
        token: api.token,
        core: world.core,
        inbox: world.stores.inbox,
        clock: systemClock,
        log,
        startAttempts: 1,
        ...options,
      });
      const error = await failing.init().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TelegramStartError);
      log.fatal({ err: error }, `telegram: ${(error as Error).message}`);
    }

    expect(log.level).toBe('trace');
    expectNoCanary();
    expect(written()).not.toContain('WRONG-token');
  });
});

async function waitForLine(text: string) {
  const deadline = Date.now() + 10_000;
  while (!written().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no log line "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WhatsApp logs at level trace, through its flows and failures', () => {
  const GROUP_JID = '120363041234567890@g.us';
  const SRI_JID = { lid: '111111111111111@lid', pn: '6281111111111@s.whatsapp.net' };
  const BUDI_JID = { lid: '222222222222222@lid', pn: '6282222222222@s.whatsapp.net' };

  it('hold no text people typed, no reply and no Baileys error data', async () => {
    const fake = createFakeSocket();
    fake.groups.set(GROUP_JID, {
      id: GROUP_JID,
      subject: 'RT 05',
      owner: undefined,
      addressingMode: 'lid' as GroupMetadata['addressingMode'],
      participants: [{ id: SRI_JID.lid, phoneNumber: SRI_JID.pn, admin: 'admin' }],
    });
    // A send that fails as Baileys fails: a Boom whose data holds what was being sent.
    let failing = 0;
    const socket: AdapterSocket = {
      ...fake.socket,
      async sendMessage(jid, content, options) {
        if (failing > 0) {
          failing--;
          throw new Boom('Connection Closed', { statusCode: 428, data: { jid, content } });
        }
        return fake.socket.sendMessage(jid, content, options);
      },
    };
    // A handler that fails while it reads a canary, with the canary in the error's message.
    let throwing = 0;
    const core = {
      ...world.core,
      async handle(inbound: Inbound) {
        if (throwing > 0) {
          throwing--;
          throw new Error(`handler failed on ${inbound.text}`);
        }
        return world.core.handle(inbound);
      },
    };
    const wa = startWhatsApp(world, fake, { socket, core, log, inboxOptions: { backoffMs: 1_000 } });
    let counter = 0;
    const inGroup = (text: string, from = SRI_JID) =>
      waMessage({ id: `WA${++counter}`, chat: GROUP_JID, participant: from.lid, participantAlt: from.pn, pushName: 'Bu Sri', text });
    const deliver = async (text: string) => {
      fake.upsert([inGroup(text)]);
      await wa.settle();
    };
    try {
      // 1. the flows, with canaries
      await deliver(`/mulai ${CANARY.wksbm}`);
      await deliver(`.setor 50rb kas ${CANARY.note}`);
      await deliver(`!keluar 1000 kas ${CANARY.purpose}`);
      // a person seen by LID first, then with their number: merged, and the merge says nothing of them
      fake.upsert([waMessage({ id: `WA${++counter}`, chat: GROUP_JID, participant: BUDI_JID.lid, pushName: CANARY.name, text: `halo ${CANARY.chat}` })]);
      await wa.settle();
      fake.ev.emit('lid-mapping.update', { lid: BUDI_JID.lid, pn: BUDI_JID.pn });
      // 2. a reply that fails once to send, carrying the canary in the error's data; the outbox retries it
      failing = 1;
      await deliver(`.setor 2000 kas ${CANARY.failedSend}`);
      world.clock.advance(60_000);
      await wa.settle();
      expect(fake.sent.some((sent) => sent.text.includes(CANARY.failedSend))).toBe(true);
      // 3. a handler that throws on a stored message: tried again from the inbox, then applied
      throwing = 1;
      await deliver(`.setor 2500 kas ${CANARY.failedUpdate}`);
      expect(written()).toContain('update failed, will retry');
      world.clock.advance(1_000);
      await wa.settle();
      expect(fake.sent.some((sent) => sent.text.includes('Rp2.500'))).toBe(true);
      // 4. a database error while handling a message, until the person is told
      await refuseLedgerEntries(world.db);
      await deliver(`.setor 3000 kas ${CANARY.database}`);
      for (let attempt = 0; attempt < 4; attempt++) {
        world.clock.advance(10_000);
        await wa.settle();
      }
      expect(written()).toContain('update given up; the person is told');
      expect(fake.sent.at(-1)!.text).toContain('kesalahan');
    } finally {
      await wa.stop();
    }
    expectNoCanary();
  });
});
