import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BotApiServer, TestUser } from '../helpers/bot-api-server.js';
import { startTelegramGroup, stopTelegramGroup, type TestTelegramBot } from '../helpers/telegram-bot.js';
import type { World } from '../helpers/world.js';

const GROUP = -100700;
const sri: TestUser = { id: 21, first_name: 'Bu', last_name: 'Sri' };
const ani: TestUser = { id: 22, first_name: 'Bu', last_name: 'Ani' };
const CANARIES = ['CANARY-TG-SUBJECT', 'CANARY-TG-ADDRESS', 'CANARY-TG-STORY', 'CANARY-TG-PHOTO-BIG'];

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot;
let logged: string[] = [];

beforeEach(async () => {
  ({ api, world, bot, logged } = await startTelegramGroup(GROUP, sri));
});
afterEach(() => stopTelegramGroup({ api, world, bot }));

const sent = () => api.sent('sendMessage');

const say = (from: TestUser, text: string, chat: number) => api.say(from, text, chat);

it('offers /lapor and /kasus in the private chats\' command menu', () => {
  const personal = api.sent('setMyCommands')[1]!.commands as { command: string }[];
  expect(personal.map((entry) => entry.command)).toEqual(['start', 'lapor', 'kasus', 'bantuan']);
});

it('takes a report over Telegram: deep link from the group, answers and a photo in private, notice to the ketua privately', async () => {
  await say(sri, '/mulai WKSBM Sukamaju', GROUP);
  const id = (await world.db.read.wksbm.findFirstOrThrow()).id;
  const link = await say(ani, '/lapor', GROUP);
  expect(link).toContain(`https://t.me/wksbm_test_bot?start=lapor_${id}`);

  // Bu Ani opens the link: Telegram sends /start with the payload in her private chat (chat id = user id).
  expect(await say(ani, `/start lapor_${id}`, ani.id)).toContain('Laporan untuk WKSBM Sukamaju');
  for (const answer of ['9', CANARIES[0]!, CANARIES[1]!, CANARIES[2]!, '2']) await say(ani, answer, ani.id);
  const before = sent().length;
  api.push({
    message: {
      message_id: 5000,
      date: Math.floor(Date.now() / 1000),
      chat: { id: ani.id, type: 'private', first_name: 'Bu' },
      from: { ...ani, is_bot: false },
      photo: [
        { file_id: 'small-file', file_unique_id: 's', width: 90, height: 90 },
        { file_id: CANARIES[3], file_unique_id: 'b', width: 1280, height: 1280 },
      ],
    },
  });
  await api.waitFor(() => sent().length > before);
  expect(String(sent()[before]!.text)).toContain('anonim');
  const done = await say(ani, '2', ani.id);
  expect(done).toContain('kasus #1');

  await api.waitFor(() => sent().some((message) => Number(message.chat_id) === sri.id));
  const notice = sent().find((message) => Number(message.chat_id) === sri.id)!;
  expect(String(notice.text)).toContain('Laporan baru #1');
  expect(sent().filter((message) => Number(message.chat_id) === GROUP)).toHaveLength(2);
  expect((await world.db.read.case.findUniqueOrThrow({ where: { id: 1 } })).photoRef).toBe(CANARIES[3]);
  for (const canary of CANARIES) expect(logged.join('')).not.toContain(canary);
});
