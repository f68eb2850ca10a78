import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { tmpDir } from '../helpers/paths.js';
import { startTelegramBot, type TestTelegramBot } from '../helpers/telegram-bot.js';
import { createWorld, type World } from '../helpers/world.js';

const GROUP = -100700;
const sri: TestUser = { id: 21, first_name: 'Bu', last_name: 'Sri' };
const budi: TestUser = { id: 22, first_name: 'Pak', last_name: 'Budi' };

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot;

beforeEach(async () => {
  api = await startBotApiServer();
  world = await createWorld();
  api.setAdmin(GROUP, sri, 'creator');
  bot = await startTelegramBot(world, api, { clock: world.clock });
  bot.channel.startPolling();
});
afterEach(async () => {
  await bot.stop();
  await api.close();
  await world.close();
});

const say = (from: TestUser, text: string) => api.say(from, text, GROUP);

it('answers /laporan in a Telegram group with the summary, then sends the PDF, XLSX and CSV with sendDocument', async () => {
  await say(sri, '/mulai WKSBM Sukamaju');
  await say(sri, '/setor 250000 kas iuran bulanan');
  api.push(api.message(GROUP, budi, 'halo'));
  // The stores stamp entries with the real time; the report covers up to the clock.
  world.clock.set(new Date(Date.now() + 60_000));

  const summary = await say(sri, '/laporan');
  expect(summary).toContain('📊 Laporan WKSBM Sukamaju');
  expect(summary).toContain('Kas: saldo awal Rp0, masuk Rp250.000, keluar Rp0, saldo akhir Rp250.000');

  // The scheduler sends what the outbox holds: three documents, uploaded as multipart/form-data.
  const documents = () => api.calls.filter((call) => call.method === 'sendDocument' && call.status === 200);
  await api.waitFor(() => documents().length === 3);
  expect(documents().map((call) => call.payload.chat_id)).toEqual([String(GROUP), String(GROUP), String(GROUP)]);
  // In the order the bot said them: the summary, then the files.
  const said = api.calls.filter((call) => call.status === 200 && (call.method === 'sendDocument' || String(call.payload.text).includes('📊 Laporan')));
  expect(said.map((call) => call.method)).toEqual(['sendMessage', 'sendDocument', 'sendDocument', 'sendDocument']);
  const uploads = documents().map((call) => Object.values(call.files)[0]!);
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

  // Sent once: the report's outbox row is settled.
  const report = await world.db.read.outbox.findFirstOrThrow({ where: { payload: { contains: '"kind":"report"' } } });
  expect(report.status).toBe('sent');
  expect(documents()).toHaveLength(3);
});
