import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardWorld, PUBLIC_URL, type DashboardWorld } from '../helpers/dashboard.js';
import { launchChromium, PHONE } from '../helpers/chromium.js';
import { ROOT } from '../helpers/paths.js';

/** Typed where a reporter names a person in need; a pendamping must never read any of them. */
const CANARY = { subject: 'Mbah CANARY-Kartowiryo', location: 'Gang CANARY-Mawar 3', story: 'CANARY-cerita sakit' } as const;
const SHOTS = path.join(ROOT, 'test', '.tmp');
const inPrivate = { chat: null } as const;

let world: DashboardWorld;
let browser: Browser;
let origin: string;

/** The login link the bot sends, pointed at the test server. */
async function openLogin(page: Page, user: string) {
  const token = await world.loginToken(user);
  await page.goto(`${origin}/masuk/${token}`);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${origin}/dasbor`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await createDashboardWorld();
  const w = world;
  await w.say('Bu Sri', '/mulai WKSBM Jurangombo Selatan');
  await w.say('Pak Budi', 'hadir');
  await w.say('Bu Sri', '/setor 1.250.000 kas dari Pak Haji Umar');
  await w.say('Bu Sri', '/setor 85rb jimpitan');
  await w.say('Pak Budi', '/setor 50rb kas iuran November');
  await w.say('Bu Sri', '/rapat insidental besok 19.30 Balai RW 05 | Laporan kas');
  // A warga reports someone in need, privately.
  await w.say('Bu Tum', 'ikut grup');
  await w.say('Bu Tum', '/lapor', inPrivate);
  for (const answer of ['8', CANARY.subject, CANARY.location, CANARY.story, '1', 'lewati', '2']) await w.say('Bu Tum', answer, inPrivate);
  await w.say('Bu Sri', '/keluar 300rb kas santunan kasus 1');
  // The ketua invites a pendamping from the Dinas Sosial.
  const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await w.say('Bu Sri', '/pendamping undang'))![1]!;
  await w.say('Bu Tini (TKSK)', `/pendamping ${code}`, inPrivate);

  // Entries are stamped by the database's writer with the real time; reports end at the clock's now.
  w.clock.set(new Date(Date.now() + 1000));
  const address = await w.app.listen({ host: '127.0.0.1', port: 0 });
  origin = address;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('the dashboard in Chromium', () => {
  it('a pengurus logs in by link on a phone, reads the balances and approves a setoran; /saldo in the chat changes', async () => {
    expect((await world.say('Pak Budi', '/saldo kas'))).toContain('• Kas: Rp950.000');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await openLogin(page, 'Bu Sri');
    await page.getByRole('link', { name: 'WKSBM Jurangombo Selatan' }).click();

    // The chart is drawn by uPlot from the page's data (a canvas, no inline script).
    await page.locator('#grafik canvas').waitFor();
    const balances = page.locator('.balance');
    await expect.poll(() => balances.allInnerTexts()).toEqual(['Kas\nRp950.000', 'Jimpitan\nRp85.000', 'Kematian\nRp0']);
    await expect.poll(() => page.locator('.stat').first().innerText()).toContain('1 setoran menunggu');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'dasbor-pengurus-hp.png'), fullPage: true });

    await page.locator('nav.sections').getByRole('link', { name: 'Setoran menunggu' }).click();
    await page.locator('input[name=nomor][value="3"]').check();
    await page.getByRole('button', { name: /Sahkan yang dicentang/ }).click();
    await expect.poll(() => page.locator('.outcome').innerText()).toContain('disahkan oleh Bu Sri. Saldo Kas: Rp1.000.000');
    expect(await page.locator('.book .entry').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'dasbor-setoran-hp.png'), fullPage: true });

    expect(await world.say('Pak Budi', '/saldo kas')).toContain('• Kas: Rp1.000.000');
    expect(world.notices.some((notice) => notice.chatId === 'rt05' && notice.text.includes('Saldo Kas: Rp1.000.000'))).toBe(true);

    await page.locator('nav.sections').getByRole('link', { name: 'Buku kas' }).click();
    await expect.poll(() => page.locator('.book .entry').count()).toBe(4);
    expect(await page.locator('#n3').innerText()).toContain('disahkan Bu Sri');
    await context.close();
  });

  it('a pendamping sees the table of their WKSBM, and no case identities anywhere', async () => {
    world.clock.set(new Date(Date.now() + 1000));
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await openLogin(page, 'Bu Tini (TKSK)');
    const seen: string[] = [await page.content()];
    await expect.poll(() => page.locator('main').innerText()).toContain('WKSBM Jurangombo Selatan');
    const row = await page.locator('table.summary tbody tr').innerText();
    expect(row).toContain('Kas: Rp1.000.000');
    expect(row).toContain('Rp1.300.000'); // masuk tahun ini: 1.250.000 + 50.000
    expect(row).toContain('Rp300.000'); // keluar tahun ini
    expect(row).toContain('Lanjut Usia Terlantar: 1');
    await page.screenshot({ path: path.join(SHOTS, 'dasbor-pendamping.png'), fullPage: true });
    await page.getByRole('link', { name: 'WKSBM Jurangombo Selatan' }).first().click();
    seen.push(await page.content());
    await page.locator('nav.sections').getByRole('link', { name: 'Laporan' }).click();
    seen.push(await page.content());
    for (const html of seen) for (const canary of Object.values(CANARY)) expect(html).not.toContain(canary);
    // The pengurus pages are closed to them.
    const cases = await page.goto(`${origin}/dasbor/1/kasus/1`);
    expect(cases?.status()).toBe(403);
    expect(await page.content()).not.toContain(CANARY.subject);
    await context.close();
  });

  it('a pengurus closes a case and still finds it, with its history, among the closed ones; a pendamping never does', async () => {
    world.clock.set(new Date(Date.now() + 1000));
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await openLogin(page, 'Bu Sri');
    await page.goto(`${origin}/dasbor/1/kasus`);
    await expect.poll(() => page.locator('.cards .case').allInnerTexts()).toEqual([expect.stringContaining(CANARY.subject)]);
    await page.locator('.cards .case a').click();
    await page.getByRole('textbox', { name: 'Catatan' }).fill('sudah dibantu keluarga');
    await page.getByRole('button', { name: 'tolak (→ ditolak)' }).click();
    await expect.poll(() => page.locator('.outcome').innerText()).toContain('#1');

    await page.locator('nav.sections').getByRole('link', { name: 'Kasus' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Tidak ada kasus terbuka.');
    await page.getByLabel('Tampilkan').selectOption({ label: 'Sudah ditutup' });
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect.poll(() => page.locator('.cards .case').allInnerTexts()).toEqual([expect.stringMatching(/#1[\s\S]*ditolak/)]);
    expect(page.url()).toContain('tampil=ditutup');
    await page.locator('.cards .case a').click();
    await expect.poll(() => page.locator('main').innerText()).toContain('ditolak · Bu Sri: sudah dibantu keluarga');
    expect(await page.locator('form.actions').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'dasbor-kasus-ditutup-hp.png'), fullPage: true });
    await context.close();

    const pendamping = await browser.newContext();
    const theirs = await pendamping.newPage();
    await openLogin(theirs, 'Bu Tini (TKSK)');
    for (const shown of ['ditutup', 'semua', 'ditolak']) {
      const answer = await theirs.goto(`${origin}/dasbor/1/kasus?tampil=${shown}`);
      expect(answer?.status()).toBe(403);
      expect(await theirs.content()).not.toContain(CANARY.subject);
    }
    await pendamping.close();
  });

  it('the login link is made for PUBLIC_URL', async () => {
    expect(await world.say('Bu Sri', '/dasbor', inPrivate)).toContain(`${PUBLIC_URL}/masuk/`);
  });
});
