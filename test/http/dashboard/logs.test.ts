import { afterEach, describe, expect, it } from 'vitest';
import { createDashboardWorld, type DashboardWorld } from '../../helpers/dashboard.js';
import { createMemoryLog } from '../../helpers/memory-log.js';

let world: DashboardWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('dashboard logs', () => {
  it('never hold a login token, a session id, a searched name or a reason, even at trace level', async () => {
    const memory = createMemoryLog();
    const w = await createDashboardWorld({ log: memory.log, appLog: memory.log });
    world = w;
    const canary = 'Mbah CANARY-Sutini';
    await w.say('Bu Sri', '/mulai WKSBM Sukamaju');
    await w.say('Pak Budi', `/setor 20rb kas dari ${canary}`);
    const token = await w.loginToken('Bu Sri');
    const sri = await w.logIn('Bu Sri');
    await sri.get(`/masuk/${token}`);
    await sri.get(`/dasbor/1/buku-kas?cari=${encodeURIComponent(canary)}`);
    await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'tolak', nomor: '1', alasan: `bukan ${canary}` });
    await sri.post('/dasbor/1/setoran', { nonce: crypto.randomUUID(), aksi: 'sahkan', nomor: '1' }, { csrf: false });

    const logged = memory.lines.join('');
    expect(memory.lines.length).toBeGreaterThan(5);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(sri.cookies.wksbm_sesi!);
    expect(logged).not.toContain('CANARY');
    expect(logged).not.toContain('Sutini');
  });
});
