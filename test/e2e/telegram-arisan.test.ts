import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REVEAL_DELAY_MS } from '../../src/core/arisan/index.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { ROOT } from '../helpers/paths.js';
import { startTelegramBot, type TestTelegramBot } from '../helpers/telegram-bot.js';
import { createWorld, type World } from '../helpers/world.js';

const run = promisify(execFile);

const GROUP = -100700;
const sri: TestUser = { id: 21, first_name: 'Bu', last_name: 'Sri' };
const budi: TestUser = { id: 22, first_name: 'Pak', last_name: 'Budi' };
const joko: TestUser = { id: 23, first_name: 'Mas', last_name: 'Joko' };

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot;

beforeEach(async () => {
  api = await startBotApiServer();
  world = await createWorld();
  world.clock.set('2026-11-26T12:00:00Z');
  api.setAdmin(GROUP, sri, 'creator');
  api.setAdmin(GROUP, budi, 'administrator');
  // The scheduler runs on the world's clock: the automatic reveal falls due when the test says so.
  bot = await startTelegramBot(world, api, { clock: world.clock });
  world.notifier.viaOutbox('telegram');
  bot.channel.startPolling();
});
afterEach(async () => {
  await bot.stop();
  await api.close();
  await world.close();
});

const texts = () => api.sent('sendMessage').map((payload) => String(payload.text));

const say = (from: TestUser, text: string) => api.say(from, text, GROUP);

/** The README's "check it by hand" lines, run by bash exactly as printed there. */
function readmeCheck(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n').filter((line) => line.startsWith('printf %s "$BENIH'));
  expect(lines).toHaveLength(2);
  return lines.join('\n');
}

describe('arisan and rukun duka over Telegram', () => {
  it('runs an arisan from creation to a reveal that sha256sum, Python and npm run arisan:verify all confirm', async () => {
    await say(sri, '/mulai WKSBM Kenanga');
    api.push(api.message(GROUP, budi, 'hadir'));
    await say(sri, '/peran Pak Budi bendahara');
    expect(await say(sri, '/arisan buat mawar 50rb bulanan')).toContain('Arisan Mawar dibuat');
    await say(sri, '/arisan ikut mawar');
    await say(budi, '/arisan ikut mawar 2 nomor');
    expect(await say(sri, '/arisan tambah mawar Mbah Karto')).toContain('peserta tanpa akun chat');
    expect(await say(budi, '/arisan bayar mawar')).toContain('Rp100.000');
    expect(await say(budi, '/setor 50rb arisan-mawar dari Mbah Karto')).toContain('Mbah Karto membayar Arisan Mawar putaran 1 untuk nomor 4');

    const commit = await say(sri, '/arisan kocok mawar');
    const commitment = /Komitmen \(SHA-256 dari benih rahasia\): ([0-9a-f]{64})/.exec(commit)![1]!;
    expect(await say(joko, '/arisan kocok mawar angka 4821')).toContain('Angka 4821 dari Mas Joko');
    expect(texts().filter((text) => text.includes('tahap 2'))).toEqual([]);
    // Nobody types the second kocok: once the delay is over the bot reveals the round by itself.
    world.clock.advance(REVEAL_DELAY_MS);
    await api.waitFor(() => texts().some((text) => text.includes('tahap 2')));
    const reveal = texts().find((text) => text.includes('tahap 2'))!;
    expect(reveal).toContain('kocokan dibuka otomatis');
    expect(reveal).toContain('Dibayarkan Rp150.000 dari dana arisan-mawar. Saldo: Rp0');
    const seed = /Benih: ([0-9a-f]{64})/.exec(reveal)![1]!;
    const winner = /pemenangnya .+ \(nomor (\d+)\)/.exec(reveal)![1]!;
    expect(/Daftar: ([\d,]+)/.exec(reveal)![1]).toBe('1,2,3,4');

    // 1. by hand, as the README says
    const byHand = await run('bash', ['-c', readmeCheck()], { env: { ...process.env, BENIH: seed, ANGKA: '4821', DAFTAR: '1,2,3,4' } });
    expect(byHand.stdout).toBe(`${commitment}  -\npemenang: nomor ${winner}\n`);
    // 2. with the line the bot printed
    const line = /Periksa: (npm run -s arisan:verify -- .+)/.exec(reveal)![1]!;
    const verified = await run('bash', ['-c', line], { cwd: ROOT });
    expect(verified.stdout).toContain(`Komitmen SHA-256(benih): ${commitment}`);
    expect(verified.stdout).toContain(`Pemenang: nomor ${winner}`);

    expect(await say(joko, '/arisan mawar riwayat')).toContain(`Putaran 1 (siklus 1)`);
  });

  it('posts a death announcement and pays the santunan, refusing first when the fund is short', async () => {
    await say(sri, '/mulai WKSBM Kenanga');
    const announcement = await say(sri, '/duka Mbah Sumi, kemarin, RT 02 netral');
    // The pengurus' note follows the announcement as a message of its own.
    await api.waitFor(() => texts().at(-1)!.startsWith('📝'));
    const note = texts().at(-1)!;
    expect(announcement).toBe(
      'Berita duka cita.\nTelah meninggal dunia Mbah Sumi pada hari Rabu, 25 November 2026.\nRumah duka: RT 02.\n' +
        'Keluarga besar WKSBM Kenanga turut berduka cita sedalam-dalamnya. Semoga keluarga yang ditinggalkan diberi ' +
        'kekuatan dan penghiburan.',
    );
    expect(note).toContain('Tercatat sebagai duka #1');
    expect(await say(sri, '/duka santunan 1 500rb')).toBe('❌ Saldo dana kematian Rp0, santunan Rp500.000: kurang Rp500.000. Tidak ada yang dicatat.');
    await say(sri, '/setor 1jt duka');
    expect(await say(sri, '/duka santunan 1 500rb')).toMatch(/Santunan Rp500\.000 untuk keluarga Mbah Sumi \(duka #1\)/);
  });
});
