import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/channel.js';
import { createDispatcher, createRateLimiter, TELEGRAM_LIMITS, type Dispatcher } from '../../src/scheduler/index.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { tmpDir } from '../helpers/paths.js';
import { createWorld, type World } from '../helpers/world.js';

const GROUP = -100700;
const sri: TestUser = { id: 21, first_name: 'Bu', last_name: 'Sri' };
const budi: TestUser = { id: 22, first_name: 'Pak', last_name: 'Budi' };

let api: BotApiServer;
let world: World;
let channel: TelegramChannel;
let dispatcher: Dispatcher;

beforeEach(async () => {
  api = await startBotApiServer();
  world = await createWorld();
  api.setAdmin(GROUP, sri, 'creator');
  channel = createTelegramChannel({ token: api.token, apiRoot: api.url, core: world.core, log: pino({ level: 'silent' }), throttle: false });
  await channel.init();
  channel.startPolling();
  dispatcher = createDispatcher({
    outbox: world.stores.outbox,
    planner: world.stores.planner,
    reports: { reports: world.stores.reports, monthly: world.stores.monthly, filesDir: tmpDir() },
    senders: [channel],
    limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
    clock: world.clock,
    log: pino({ level: 'silent' }),
  });
});
afterEach(async () => {
  await channel.stop();
  await api.close();
  await world.close();
});

const sent = (method: string) => api.sent(method);

async function say(from: TestUser, text: string) {
  const before = sent('sendMessage').length;
  api.push(api.message(GROUP, from, text));
  await api.waitFor(() => sent('sendMessage').length > before);
  return String(sent('sendMessage')[before]!.text);
}

it('answers /laporan in a Telegram group with the summary, then sends the PDF, XLSX and CSV with sendDocument', async () => {
  await say(sri, '/mulai WKSBM Sukamaju');
  await say(sri, '/setor 250000 kas iuran bulanan');
  api.push(api.message(GROUP, budi, 'halo'));
  // The stores stamp entries with the real time; the report covers up to the clock.
  world.clock.set(new Date(Date.now() + 60_000));

  const summary = await say(sri, '/laporan');
  expect(summary).toContain('📊 Laporan WKSBM Sukamaju');
  expect(summary).toContain('Kas: saldo awal Rp0, masuk Rp250.000, keluar Rp0, saldo akhir Rp250.000');
  expect(sent('sendDocument')).toHaveLength(0);

  // The scheduler sends what the outbox holds: three documents, uploaded as multipart/form-data.
  expect(await dispatcher.runOnce()).toBe(1);
  const documents = api.calls.filter((call) => call.method === 'sendDocument' && call.status === 200);
  expect(documents.map((call) => call.payload.chat_id)).toEqual([String(GROUP), String(GROUP), String(GROUP)]);
  const uploads = documents.map((call) => Object.values(call.files)[0]!);
  expect(uploads.map((file) => file.fileName.replace(/\d{4}-\d{2}/, 'YYYY-MM'))).toEqual([
    'LPJ-WKSBM-Sukamaju-YYYY-MM.pdf',
    'LPJ-WKSBM-Sukamaju-YYYY-MM.xlsx',
    'LPJ-WKSBM-Sukamaju-YYYY-MM.csv',
  ]);

  const [pdf, xlsx, csv] = uploads.map((file) => file.content);
  const pdfFile = path.join(tmpDir(), `telegram-${Date.now()}.pdf`);
  writeFileSync(pdfFile, pdf!);
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  expect(text).toContain('LAPORAN PERTANGGUNGJAWABAN');
  expect(text).toMatch(/Kas\s+Rupiah\s+Rp0\s+Rp250\.000\s+Rp0\s+Rp250\.000/);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(xlsx!).buffer);
  expect(book.getWorksheet('Buku Kas')!.getRow(4).getCell(5).value).toBe(250_000);
  expect(csv!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

  // Sent once: the outbox row is settled.
  expect(await dispatcher.runOnce()).toBe(0);
  expect((await world.db.read.outbox.findFirstOrThrow()).status).toBe('sent');
});
