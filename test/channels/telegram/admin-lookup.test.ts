import { afterEach, describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer, type TestUser } from '../../helpers/bot-api-server.js';
import { startTelegramBot, type TestTelegramBot } from '../../helpers/telegram-bot.js';
import { createWorld, type World } from '../../helpers/world.js';

const GROUP = -100650;
const sri: TestUser = { id: 41, first_name: 'Bu', last_name: 'Sri' };

let api: BotApiServer | undefined;
let world: World | undefined;
let bot: TestTelegramBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await api?.close();
  await world?.close();
  bot = api = world = undefined;
});

describe('Telegram admin look-up that fails while the inbox has tries left', () => {
  it('applies the /setor once a later try reads the admin list, with one answer and no "coba lagi"', async () => {
    api = await startBotApiServer();
    world = await createWorld();
    api.setAdmin(GROUP, sri, 'creator');
    // Every command reads the admin list again, as an instance whose cache ran out does.
    bot = await startTelegramBot(world, api, { adminTtlMs: 0 });
    bot.channel.startPolling();
    api.push(api.message(GROUP, sri, '/mulai WKSBM Kenari'));
    const texts = () => api!.sent('sendMessage').map((payload) => String(payload.text));
    await api.waitFor(() => texts().length === 1);

    // 1. the look-up for the /setor fails (both of the channel's quick tries), as under load
    api.outage('getChatAdministrators', 2, 502);
    api.push(api.message(GROUP, sri, '/setor 5000 kas'));

    // 2. the inbox tries the update again: the setoran is recorded and answered once
    await api.waitFor(() => texts().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(texts()).toHaveLength(2);
    expect(texts()[1]).toContain('5.000');
    expect(texts()[1]).not.toContain('coba lagi');
    expect((await world.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance).toBe(5000n);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect((await world.db.read.inboxUpdate.findMany({ select: { status: true } })).map((row) => row.status)).toEqual(['done', 'done']);
  });
});
