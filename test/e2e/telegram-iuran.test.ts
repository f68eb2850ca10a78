import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BotApiServer, TestUser } from '../helpers/bot-api-server.js';
import { startTelegramGroup, stopTelegramGroup, type TestTelegramBot } from '../helpers/telegram-bot.js';
import type { World } from '../helpers/world.js';

const GROUP = -100800;
const sri: TestUser = { id: 31, first_name: 'Bu', last_name: 'Sri' };
const andi: TestUser = { id: 32, first_name: 'Andi' };
const joko: TestUser = { id: 33, first_name: 'Joko' };
/** A household name that must reach neither the group nor the log. */
const CANARY = 'Kanari Sembilan';

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot;
let logged: string[] = [];

beforeEach(async () => {
  ({ api, world, bot, logged } = await startTelegramGroup(GROUP, sri, { at: '2026-11-02T03:00:00Z' }));
});
afterEach(() => stopTelegramGroup({ api, world, bot }));

const sent = () => api.sent('sendMessage');
const to = (chat: number) => sent().filter((message) => Number(message.chat_id) === chat);

const say = (from: TestUser, text: string, chat: number) => api.say(from, text, chat);

/** Resolves once the scheduler has sent a message to `chat` that `matches` says is the one awaited. */
const sentTo = (chat: number, matches: (text: string) => boolean) => api.waitFor(() => to(chat).some((message) => matches(String(message.text))));

it('keeps iuran over Telegram: perantau setoran confirmed in the group, private reminders, counts only in the group', async () => {
  await say(sri, '/mulai WKSBM Sukamaju', GROUP);
  await say(sri, '/kk tambah Pak Budi, RT 03', GROUP);
  await say(sri, `/kk tambah ${CANARY}, RT 04`, GROUP);
  expect(await say(andi, '/kk gabung Pak Budi', GROUP)).toContain('Andi tercatat di KK Pak Budi');
  await say(joko, `/kk gabung ${CANARY}`, GROUP);
  await say(sri, '/iuran tambah kematian 10rb bulanan', GROUP);
  await say(sri, '/iuran pengingat kematian tanggal 10', GROUP);

  // 1. Andi, far away, pays in his private chat (chat id = user id); the group gets a notice with buttons.
  expect(await say(andi, '/setor 10rb kematian', andi.id)).toContain('menunggu pengesahan bendahara');
  await sentTo(GROUP, (text) => text.includes('Setoran perantau'));
  const notice = to(GROUP).at(-1)!;
  expect(String(notice.text)).toContain('Setoran perantau Rp10.000 ke Kematian dari Andi');
  expect(JSON.stringify(notice.reply_markup)).toContain('Sahkan');

  // 2. Bu Sri confirms it in the group; Andi is told privately.
  expect(await say(sri, '/sahkan 1', GROUP)).toContain('Iuran Kematian KK Pak Budi: November 2026 lunas');
  await sentTo(andi.id, (text) => text.includes('sudah disahkan bendahara'));
  expect(String(to(andi.id).at(-1)!.text)).toContain('sudah disahkan bendahara');

  // 3. On the 10th only Joko's household owes: he alone is reminded, the group gets counts.
  world.clock.set('2026-11-10T02:30:00Z');
  await world.stores.planner.planReminders(world.clock.now());
  await sentTo(joko.id, (text) => text.includes(CANARY));
  await sentTo(GROUP, (text) => text.startsWith('🔔'));
  expect(String(to(joko.id).at(-1)!.text)).toContain(`KK ${CANARY} (RT 04): kurang Rp10.000 (November 2026)`);
  expect(to(andi.id).filter((message) => String(message.text).includes('Pengingat'))).toEqual([]);
  expect(String(to(GROUP).at(-1)!.text)).toBe('🔔 Iuran Kematian: 1 dari 2 KK sudah lunas; 1 KK diingatkan lewat chat pribadi. Terima kasih!');

  expect(await say(joko, '/tunggakan', GROUP)).toContain('Kematian: 1 dari 2 KK sudah lunas sampai bulan ini.');
  const groupTexts = to(GROUP).map((message) => String(message.text));
  expect(groupTexts.filter((text) => text.includes(CANARY) && /kurang|tunggak|Rp/i.test(text))).toEqual([]);
  expect(logged.join('')).not.toContain(CANARY);
});

it('keeps the duka levy over Telegram: announced with the death, paid by a perantau, reminded privately the next morning', async () => {
  await say(sri, '/mulai WKSBM Sukamaju', GROUP);
  await say(sri, '/kk tambah Pak Budi, RT 03', GROUP);
  await say(sri, `/kk tambah ${CANARY}, RT 04`, GROUP);
  await say(andi, '/kk gabung Pak Budi', GROUP);
  await say(joko, `/kk gabung ${CANARY}`, GROUP);
  expect(await say(sri, '/duka iuran 5rb per KK', GROUP)).toContain('Iuran duka Rp5.000 per KK, ke dana kematian');
  expect(await say(sri, '/duka Mbah Sastro', GROUP)).toContain('Iuran duka Rp5.000 per KK ke dana kematian: /setor 5.000 kematian');

  // 1. Andi pays from his private chat; once confirmed in the group it pays his household's levy.
  expect(await say(andi, '/setor 5rb kematian', andi.id)).toContain('menunggu pengesahan bendahara');
  await sentTo(GROUP, (text) => text.includes('Setoran perantau'));
  await say(sri, '/sahkan 1', GROUP);
  expect(await say(joko, '/tunggakan', GROUP)).toBe('Iuran duka: 1 dari 2 KK sudah lunas.');

  // 2. The next morning at 09.00 WIB only Joko's household is reminded, privately.
  world.clock.set('2026-11-03T02:01:00Z');
  await sentTo(joko.id, (text) => text.includes('Pengingat iuran duka'));
  expect(String(to(joko.id).at(-1)!.text)).toContain(`KK ${CANARY}: kurang Rp5.000 (duka #1 Mbah Sastro Rp5.000)`);
  expect(to(andi.id).filter((message) => String(message.text).includes('Pengingat'))).toEqual([]);
  const groupTexts = to(GROUP).map((message) => String(message.text));
  expect(groupTexts.filter((text) => text.includes(CANARY) && /kurang|tunggak|Rp/i.test(text))).toEqual([]);
  expect(logged.join('')).not.toContain(CANARY);
});
