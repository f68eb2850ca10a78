import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BotApiServer, TestUser } from '../helpers/bot-api-server.js';
import { startTelegramGroup, stopTelegramGroup, type TestTelegramBot } from '../helpers/telegram-bot.js';
import type { World } from '../helpers/world.js';

const GROUP = -100900;
const sri: TestUser = { id: 41, first_name: 'Bu', last_name: 'Sri' };
const andi: TestUser = { id: 42, first_name: 'Andi' };
const joko: TestUser = { id: 43, first_name: 'Joko' };
/** A nota's words that must reach neither the log nor the group. */
const CANARY = 'Toko Kanari Nota';

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot;
let logged: string[] = [];

beforeEach(async () => {
  ({ api, world, bot, logged } = await startTelegramGroup(GROUP, sri));
});
afterEach(() => stopTelegramGroup({ api, world, bot }));

const to = (chat: number) => api.sent('sendMessage').filter((message) => Number(message.chat_id) === chat);
const texts = (chat: number) => to(chat).map((message) => String(message.text));

/** Pushes an update and waits until the bot has said something to `chat` that `matches`. */
async function push(update: Record<string, unknown>, chat: number, matches: (text: string) => boolean): Promise<string> {
  const before = to(chat).length;
  api.push(update);
  await api.waitFor(() => texts(chat).slice(before).some(matches));
  return texts(chat).slice(before).find(matches)!;
}

/** A JPEG-looking image with random content, so each photo has its own hash. */
const jpeg = (words: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(words), randomBytes(2048)]);
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const messageId = (update: Record<string, unknown>) => (update.message as { message_id: number }).message_id;

it('keeps a nota photo as the proof of its entry and shows it only to pengurus, privately', async () => {
  await api.say(sri, '/mulai WKSBM Sukamaju', GROUP);
  await api.say(sri, '/setor 100rb kas', GROUP);

  // 1. The bendahara sends the nota with the /keluar as its caption: the entry and its proof in one go.
  const nota = jpeg(CANARY);
  const keluar = api.photo(GROUP, sri, nota, { caption: '/keluar 50rb kas beli sapu' });
  expect(await push(keluar, GROUP, (text) => text.startsWith('📎'))).toBe('📎 Foto bukti untuk #2 disimpan. Pengurus dapat melihatnya dengan /bukti 2.');
  expect(texts(GROUP)).toContain('✅ #2 Pengeluaran Rp50.000 dari Kas untuk beli sapu. Saldo Kas: Rp50.000');

  // 2. An anggota's setoran, then his transfer receipt as a reply to his own /setor message.
  const setor = api.message(GROUP, andi, '/setor 10rb kas');
  await push(setor, GROUP, (text) => text.startsWith('⏳ #3'));
  const receipt = jpeg('transfer');
  const reply = api.photo(GROUP, andi, receipt, { replyTo: messageId(setor) });
  expect(await push(reply, GROUP, (text) => text.startsWith('📎'))).toContain('Foto bukti untuk #3 disimpan');

  // 3. A photo answering the bot's own confirmation (what a bot in privacy mode sees) is its proof too.
  const slip = jpeg('setoran');
  const confirmation = texts(GROUP).find((text) => text.startsWith('✅ #1 '))!;
  const onBot = api.photo(GROUP, sri, slip, { replyToBot: confirmation });
  expect(await push(onBot, GROUP, (text) => text.startsWith('📎'))).toContain('Foto bukti untuk #1 disimpan');

  // 4. Someone else's photo answering it is refused and kept nowhere.
  const other = api.photo(GROUP, joko, jpeg('lain'), { replyTo: messageId(setor) });
  expect(await push(other, GROUP, (text) => text.includes('#3 hanya bisa'))).toContain('Foto tidak disimpan');

  // 5. A photo answering ordinary chat is just a photo: the bot says nothing to it.
  const chatter = api.message(GROUP, joko, 'Kerja bakti besok jam 7');
  api.push(chatter);
  api.push(api.photo(GROUP, joko, jpeg('kerja bakti'), { replyTo: messageId(chatter) }));

  // 6. The same photo message delivered again gets its first answer and adds nothing.
  expect(await push(reply, GROUP, (text) => text.startsWith('📎'))).toBe('📎 Foto bukti untuk #3 disimpan. Pengurus dapat melihatnya dengan /bukti 3.');
  expect(await push(api.message(GROUP, sri, '/riwayat'), GROUP, (text) => text.startsWith('📒'))).toMatch(/#3 .*menunggu pengesahan 📎\n#2 .*beli sapu\) 📎\n#1 .*\(setor\) 📎$/);

  // Nothing answered the chatter's photo: the only photo answers are the four above and the replay's.
  expect(texts(GROUP).filter((text) => /^(📎|❌)/.test(text))).toHaveLength(5);

  const rows = await world.db.read.proof.findMany({ orderBy: { id: 'asc' } });
  expect(rows.map((row) => [row.number, row.sha256, row.size])).toEqual([
    [2, sha256(nota), nota.length],
    [3, sha256(receipt), receipt.length],
    [1, sha256(slip), slip.length],
  ]);

  // 7. Only pengurus may see a proof, and it goes to their private chat, never to the group.
  expect(await push(api.message(GROUP, andi, '/bukti 2'), GROUP, (text) => text.startsWith('Maaf'))).toContain('/bukti hanya untuk');
  expect(await push(api.message(GROUP, sri, '/bukti 2'), GROUP, (text) => text.startsWith('📎 1 foto'))).toContain('chat pribadi');
  await api.waitFor(() => api.calls.some((call) => call.method === 'sendDocument' && call.status === 200));
  const documents = api.calls.filter((call) => call.method === 'sendDocument');
  expect(documents.map((call) => Number(call.payload.chat_id))).toEqual([sri.id]);
  const file = documents[0]!.files[String(documents[0]!.payload.document).replace(/^attach:\/\//, '')]!;
  expect(file.content.equals(nota)).toBe(true);
  expect(file.fileName).toBe('bukti-2-1.jpg');
  expect(texts(sri.id)).toEqual(['📎 Foto bukti #2. Jangan diteruskan ke grup.']);
  expect(await push(api.message(GROUP, sri, '/bukti 9'), GROUP, (text) => text.startsWith('Belum ada'))).toContain('#9');

  // 8. Neither the nota's content nor the token reaches a log line.
  const log = logged.join('');
  expect(log).not.toContain(CANARY);
  expect(log).not.toContain(api.token);
});
