import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { systemClock } from '../../src/core/index.js';
import { buildApp } from '../../src/http/app.js';
import { registerTelegramWebhook } from '../../src/http/telegram-webhook.js';
import { INVISIBLE } from '../helpers/invisible.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { startTelegramBot, type TestTelegramBot } from '../helpers/telegram-bot.js';
import { createWorld, type World } from '../helpers/world.js';

const GROUP = -100500;
const sri: TestUser = { id: 11, first_name: 'Bu', last_name: 'Sri' };
const budi: TestUser = { id: 12, first_name: 'Pak', last_name: 'Budi' };
const joko: TestUser = { id: 13, first_name: 'Mas', last_name: 'Joko' };

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot | undefined;

async function startBot(options: Parameters<typeof startTelegramBot>[2] = {}) {
  bot = await startTelegramBot(world, api, options);
  return bot;
}

beforeEach(async () => {
  api = await startBotApiServer();
  world = await createWorld();
  api.setAdmin(GROUP, sri, 'creator');
  api.setAdmin(GROUP, budi, 'administrator');
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await api.close();
  await world.close();
});

const replies = () => api.sent('sendMessage');
const texts = () => replies().map((payload) => String(payload.text));

/** A user types in a chat; resolves with the bot's next message. */
async function say(from: TestUser, text: string, chat = GROUP) {
  const before = replies().length;
  api.push(api.message(chat, from, text));
  await api.waitFor(() => replies().length > before);
  return replies()[before]!;
}

describe('Telegram, long polling against a Bot API server on loopback', () => {
  beforeEach(async () => {
    (await startBot()).channel.startPolling();
  });

  it('runs a whole group session: mulai, setor, buttons, keluar refused, koreksi, saldo', async () => {
    expect(String((await say(joko, '/mulai WKSBM Liar')).text)).toContain('Hanya admin grup');
    expect(String((await say(sri, '/mulai WKSBM Jurangombo Selatan')).text)).toContain('Bu Sri tercatat sebagai ketua');
    await say(sri, '/peran Pak Budi bendahara');
    expect(texts().at(-1)).toContain('Tidak ada anggota bernama');
    api.push(api.message(GROUP, budi, 'Assalamualaikum, saya bendahara'));
    expect(String((await say(sri, '/peran Pak Budi bendahara')).text)).toContain('Pak Budi sekarang bendahara');

    // 1. an anggota's setor waits, with buttons
    const pending = await say(joko, '/setor 5000 jimpitan');
    expect(String(pending.text)).toMatch(/^⏳ #1 Setoran Rp5\.000 ke Jimpitan dari Mas Joko/);
    expect(pending.parse_mode).toBe('HTML');
    expect(pending.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '✅ Sahkan', callback_data: '/sahkan 1' },
          { text: '🚫 Tolak', callback_data: '/tolak 1 ditolak lewat tombol' },
        ],
      ],
    });
    const pendingMessage = 2000;

    // 2. the anggota presses Sahkan: an alert to him, nothing in the group
    const sentBefore = replies().length;
    api.push(api.press(GROUP, joko, pendingMessage, '/sahkan 1'));
    await api.waitFor(() => api.sent('answerCallbackQuery').length === 1);
    expect(api.sent('answerCallbackQuery')[0]).toMatchObject({ show_alert: true });
    expect(String(api.sent('answerCallbackQuery')[0]!.text)).toContain('hanya untuk ketua atau bendahara');
    expect(api.sent('editMessageText')).toHaveLength(0);

    // 3. the bendahara presses Sahkan: the message is edited to the outcome
    api.push(api.press(GROUP, budi, pendingMessage, '/sahkan 1'));
    await api.waitFor(() => api.sent('editMessageText').length === 1);
    const edit = api.sent('editMessageText')[0]!;
    expect(edit).toMatchObject({ chat_id: GROUP, message_id: pendingMessage });
    expect(String(edit.text)).toContain('disahkan oleh Pak Budi. Saldo Jimpitan: Rp5.000');
    expect(edit.reply_markup).toBeUndefined();
    expect(replies()).toHaveLength(sentBefore);

    // 4. spending more than the fund holds is refused
    expect(String((await say(sri, '/keluar 10rb jimpitan beli senter')).text)).toContain('Saldo Jimpitan tidak cukup');
    // 5. a command for another bot is ignored; one with our name works
    api.push(api.message(GROUP, sri, '/setor@other_bot 1000 kas'));
    expect(String((await say(sri, '/setor@wksbm_test_bot 20rb kas')).text)).toMatch(/^✅ #2 Setoran Rp20\.000 ke Kas/);
    expect(String((await say(budi, '/koreksi 2 salah dana')).text)).toMatch(/^↩️ #3 Koreksi atas #2/);
    const saldo = String((await say(joko, '/saldo')).text);
    expect(saldo).toContain('• Kas: Rp0');
    expect(saldo).toContain('• Jimpitan: Rp5.000');
    expect(await world.db.read.ledgerEntry.count()).toBe(3);
  });

  it('leaves a meeting announcement in place when members press Hadir, telling only the presser', async () => {
    await say(sri, '/mulai WKSBM Kenari');
    const announcement = await say(sri, '/rapat insidental lusa 19.30 Balai RW | Persiapan santunan');
    expect(announcement.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '✅ Hadir', callback_data: '+/hadir 1' },
          { text: '🙏 Izin', callback_data: '+/izin 1' },
        ],
      ],
    });
    const sentBefore = replies().length;
    api.push(api.press(GROUP, joko, 2001, '+/hadir 1'));
    await api.waitFor(() => api.sent('answerCallbackQuery').length === 1);
    const notice = api.sent('answerCallbackQuery')[0]!;
    expect(notice.show_alert).toBe(false);
    expect(String(notice.text)).toContain('Mas Joko');
    expect(api.sent('editMessageText')).toHaveLength(0);
    expect(replies()).toHaveLength(sentBefore);
    expect(String((await say(budi, '/jadwal')).text)).toContain('Mas Joko');
  });

  it('registers an Indonesian command menu and greets in a private chat', async () => {
    const menus = api.sent('setMyCommands');
    expect(menus.map((menu) => menu.scope)).toEqual([{ type: 'all_group_chats' }, { type: 'all_private_chats' }]);
    const group = menus[0]!.commands as { command: string; description: string }[];
    expect(group).toContainEqual({ command: 'setor', description: 'mencatat setoran (dari anggota: menunggu pengesahan)' });
    const greeting = await say(joko, '/start', joko.id);
    expect(String(greeting.text)).toMatch(/^👋 Halo, Mas Joko!/);
  });

  it('applies the same message delivered twice once', async () => {
    await say(sri, '/mulai WKSBM Kenanga');
    const message = api.message(GROUP, sri, '/setor 7500 kas', 4242);
    api.push(message);
    api.push(message);
    await api.waitFor(() => texts().filter((text) => text.startsWith('✅ #1')).length === 2);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect((await world.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance).toBe(7500n);
  });

  it('escapes what people typed', async () => {
    const answer = await say(sri, '/mulai RT <b>05</b> & "Mawar"');
    expect(answer.text).toContain('RT &lt;b&gt;05&lt;/b&gt; &amp; "Mawar" terdaftar');
  });

  it('keeps polling through a short outage of the Bot API and answers what came meanwhile', async () => {
    await say(sri, '/mulai WKSBM Seruni');
    api.outage('getUpdates', 1);
    // 1. a chat message ends the poll in flight; the next polls meet the outage
    api.push(api.message(GROUP, budi, 'Selamat malam'));
    await api.waitFor((calls) => calls.some((call) => call.method === 'getUpdates' && call.status === 502));
    // 2. a command sent during the outage is answered once it is over
    api.push(api.message(GROUP, sri, '/setor 4000 kas'));
    await api.waitFor(() => texts().some((text) => text.startsWith('✅ #1 Setoran Rp4.000')), 20_000);
    expect(api.calls.filter((call) => call.method === 'getUpdates' && call.status === 502)).toHaveLength(1);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
  });

  it('waits out a 429 storm and delivers every reply exactly once', async () => {
    await say(sri, '/mulai WKSBM Dahlia');
    api.tooManyRequests('sendMessage', 4, 1);
    for (const amount of [1000, 2000, 3000]) api.push(api.message(GROUP, sri, `/setor ${amount} kas`));
    await api.waitFor(() => texts().length === 4, 20_000);
    expect(api.calls.filter((call) => call.method === 'sendMessage' && call.status === 429)).toHaveLength(4);
    const delivered = texts().slice(1);
    expect(delivered.map((text) => /^✅ #(\d)/.exec(text)?.[1]).sort()).toEqual(['1', '2', '3']);
    expect(await world.db.read.ledgerEntry.count()).toBe(3);
  });
});

describe('Telegram group administrators', () => {
  it('takes pengurus rights from a demoted admin once the admin list is refreshed', async () => {
    (await startBot({ adminTtlMs: 300 })).channel.startPolling();
    await say(sri, '/mulai WKSBM Teratai');
    expect(String((await say(sri, '/setor 5000 kas')).text)).toMatch(/^✅/);
    api.setAdmin(GROUP, sri, null);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const refused = String((await say(sri, '/keluar 1000 kas sapu')).text);
    expect(refused).toContain('hak pengurus hanya berlaku bagi admin grup');
  });

  it('forgets the admin list at once on a chat_member update', async () => {
    (await startBot({ adminTtlMs: 3_600_000 })).channel.startPolling();
    await say(sri, '/mulai WKSBM Cempaka');
    expect(String((await say(joko, '/keluar 1000 kas sapu')).text)).toContain('Peran Anda di sini: anggota');
    api.setAdmin(GROUP, sri, null);
    api.push({
      chat_member: {
        chat: { id: GROUP, type: 'supergroup', title: 'Grup' },
        from: { ...budi, is_bot: false },
        date: 0,
        old_chat_member: { status: 'creator', user: { ...sri, is_bot: false }, is_anonymous: false },
        new_chat_member: { status: 'member', user: { ...sri, is_bot: false } },
      },
    });
    expect(String((await say(sri, '/keluar 1000 kas sapu')).text)).toContain('tercatat sebagai ketua');
  });
});

describe('Telegram, invisible characters before a command', () => {
  it('reads each as the command, so none skips the admin check or another bot’s name', async () => {
    (await startBot({ adminTtlMs: 0 })).channel.startPolling();
    const text = async (from: TestUser, typed: string) => String((await say(from, typed)).text);
    for (const mark of Object.values(INVISIBLE)) expect(await text(joko, `${mark}/mulai WKSBM Liar`)).toContain('Hanya admin grup');
    expect(await world.db.read.wksbm.count()).toBe(0);

    expect(await text(sri, '/mulai WKSBM Kenanga')).toContain('Bu Sri tercatat sebagai ketua');
    expect(await text(sri, '/setor 50rb kas')).toMatch(/^✅ #1/);
    api.setAdmin(GROUP, sri, null);
    for (const mark of Object.values(INVISIBLE)) {
      expect(await text(sri, `${mark}/keluar 1000 kas`)).toContain('tercatat sebagai ketua');
      api.push(api.message(GROUP, budi, `${mark}/setor@other_bot 5000 kas`));
    }
    // Updates of one chat are handled in order: had another bot's command been answered, this would not be next.
    expect(await text(joko, '/saldo')).toContain('• Kas: Rp50.000');
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect(await world.db.read.submission.count()).toBe(0);
  });
});

describe('Telegram webhook', () => {
  it('processes only requests with the right secret, and a retried update once', async () => {
    const { channel } = await startBot();
    const secret = 'rahasia-webhook-0123456789';
    await channel.setWebhook('https://bot.example.id/telegram/hook', secret);
    channel.startHandling();
    expect(api.sent('setWebhook')[0]).toMatchObject({ url: 'https://bot.example.id/telegram/hook', secret_token: secret });

    const app = await buildApp({ log: pino({ level: 'silent' }), version: 't', channels: () => ({}), checkDatabase: async () => {} });
    registerTelegramWebhook(app, { path: '/telegram/hook', secret, log: pino({ level: 'silent' }), receive: (update) => channel.receive(update as never) });
    const post = (headers: Record<string, string>, update: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/telegram/hook', headers, payload: update });

    const mulai = { update_id: 1, ...api.message(GROUP, sri, '/mulai WKSBM Flamboyan') };
    expect((await post({}, mulai)).statusCode).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'salah' }, mulai)).statusCode).toBe(401);
    expect(await world.db.read.wksbm.count()).toBe(0);
    expect((await post({ 'x-telegram-bot-api-secret-token': secret }, mulai)).statusCode).toBe(200);
    await api.waitFor(() => replies().length === 1);
    expect(await world.db.read.wksbm.count()).toBe(1);

    const setor = { update_id: 2, ...api.message(GROUP, sri, '/setor 5000 kas') };
    for (let i = 0; i < 3; i++) expect((await post({ 'x-telegram-bot-api-secret-token': secret }, setor)).statusCode).toBe(200);
    await api.waitFor(() => replies().length === 2);
    await bot!.stop();
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect(texts().filter((text) => text.startsWith('✅ #1'))).toHaveLength(1);
    await app.close();
  });
});

describe('Telegram start-up', () => {
  it('stops with a clear message on a bad token', async () => {
    const bad = createTelegramChannel({ token: '999:wrong', apiRoot: api.url, core: world.core, inbox: world.stores.inbox, clock: systemClock, log: pino({ level: 'silent' }) });
    await expect(bad.init()).rejects.toThrow(/TELEGRAM_BOT_TOKEN was refused/);
  });

  it('retries an unreachable API, then stops with a clear message', async () => {
    const url = api.url;
    await api.close();
    const unreachable = createTelegramChannel({
      token: api.token,
      apiRoot: url,
      core: world.core,
      inbox: world.stores.inbox,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      startAttempts: 2,
    });
    await expect(unreachable.init()).rejects.toThrow(/cannot reach the Telegram Bot API/);
    api = await startBotApiServer();
  });
});

describe('Telegram rate limits', () => {
  it('spaces messages to one group by Telegram limits by default', async () => {
    (await startBot({ limits: true })).channel.startPolling();
    await say(sri, '/mulai WKSBM Kamboja');
    for (const amount of [1000, 2000, 3000]) api.push(api.message(GROUP, sri, `/setor ${amount} kas`));
    await api.waitFor(() => replies().length === 4, 15_000);
    const times = api.calls.filter((call) => call.method === 'sendMessage').map((call) => call.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(900);
  });
});
