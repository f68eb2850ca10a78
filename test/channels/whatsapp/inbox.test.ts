import type { GroupMetadata } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/index.js';
import { startWhatsApp, type TestWhatsApp } from '../../helpers/whatsapp-adapter.js';
import { createFakeSocket, waMessage } from '../../helpers/whatsapp-socket.js';
import { createWorld, type World } from '../../helpers/world.js';

const GROUP = '120363041234567890@g.us';
const SRI = { lid: '111111111111111@lid', pn: '6281111111111@s.whatsapp.net' };
const metadata: GroupMetadata = {
  id: GROUP,
  subject: 'RT 05 Sukamaju',
  owner: undefined,
  addressingMode: 'lid' as GroupMetadata['addressingMode'],
  participants: [{ id: SRI.lid, phoneNumber: SRI.pn, admin: 'admin' }],
};

let world: World;
let fake: ReturnType<typeof createFakeSocket>;
const running: TestWhatsApp[] = [];
let counter = 0;

const inGroup = (text: string) =>
  waMessage({ id: `IN${++counter}`, chat: GROUP, participant: SRI.lid, participantAlt: SRI.pn, pushName: 'Bu Sri', text });

function start(core?: Core): TestWhatsApp {
  const wa = startWhatsApp(world, fake, { core, inboxOptions: { backoffMs: 1_000 } });
  running.push(wa);
  return wa;
}

/** A core whose handling of a message never ends: the process dies while it holds the message. */
const dyingCore = (core: Core): Core => ({ ...core, handle: () => new Promise(() => {}) });

/** A core that applies the message (its change and answer commit) and then never returns: the process dies after the commit. */
const committedThenDying = (core: Core): Core => ({
  ...core,
  async handle(inbound) {
    await core.handle(inbound);
    return new Promise(() => {});
  },
});

/** A core that throws on its first `failures` messages, as a bug or a lost database would. */
function failingCore(core: Core, failures: number): Core {
  let left = failures;
  return {
    ...core,
    async handle(inbound) {
      if (left-- > 0) throw new Error('boom');
      return core.handle(inbound);
    },
  };
}

const balance = async () => (await world.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance;

beforeEach(async () => {
  world = await createWorld();
  fake = createFakeSocket();
  fake.groups.set(GROUP, metadata);
  const wa = start();
  await wa.deliver([inGroup('/mulai WKSBM Sukamaju')]);
  await wa.stop();
});
afterEach(async () => {
  for (const wa of running.splice(0)) await wa.stop();
  await world.close();
});

describe('WhatsApp messages through the inbox', () => {
  it('stores a message before it is handled: a process that dies holding it loses nothing, and the next applies it once', async () => {
    // 1. a process stores the message and dies while handling it (its handling never ends)
    const dying = startWhatsApp(world, fake, { core: dyingCore(world.core) });
    const setor = inGroup('.setor 5000 kas');
    fake.upsert([setor]);
    const key = `whatsapp:${GROUP}:${setor.key.id}`;
    while (!(await world.db.read.inboxUpdate.findUnique({ where: { key } }))?.claimToken) await new Promise((resolve) => setTimeout(resolve, 10));
    dying.adapter.detach();
    expect(await world.db.read.ledgerEntry.count()).toBe(0);

    // 2. the restarted process is handed the message again by WhatsApp: still one row, held by the dead one
    world = await world.restart();
    const next = start();
    expect(await next.deliver([setor], 'append')).toEqual([]);
    expect(await world.db.read.inboxUpdate.count({ where: { key } })).toBe(1);

    // 3. once the dead process's lease runs out, it is applied and answered, once
    world.clock.advance(31_000);
    await next.settle();
    expect(fake.sent.filter((sent) => sent.options?.quoted?.key.id === setor.key.id).map((sent) => sent.text)).toEqual([
      expect.stringMatching(/^✅ #1 .*Saldo Kas: Rp5\.000/s),
    ]);
    expect(await balance()).toBe(5000n);
    expect((await world.db.read.inboxUpdate.findUniqueOrThrow({ where: { key } })).status).toBe('done');
  });

  it('answers a message WhatsApp delivers again after its change was committed with the answer it got, though the sender is no longer admin', async () => {
    // 1. a process applies a /keluar of Bu Sri's (ketua, group admin) and dies before its row is done
    const first = startWhatsApp(world, fake);
    await first.deliver([inGroup('.setor 20000 kas')]);
    await first.stop();
    const dying = startWhatsApp(world, fake, { core: committedThenDying(world.core) });
    const keluar = inGroup('.keluar 5000 kas beli sapu');
    fake.upsert([keluar]);
    while ((await balance()) !== 15000n) await new Promise((resolve) => setTimeout(resolve, 10));
    dying.adapter.detach();

    // 2. meanwhile she is no longer a group admin, and WhatsApp delivers the message again (same key)
    fake.groups.set(GROUP, { ...metadata, participants: [{ id: SRI.lid, phoneNumber: SRI.pn, admin: null }] });
    world = await world.restart();
    const next = start();
    await next.deliver([keluar], 'append');

    // 3. once the lease runs out it is handled as a redelivery: the answer it got, once; nothing applied twice
    world.clock.advance(31_000);
    await next.settle();
    const answers = fake.sent.filter((sent) => sent.options?.quoted?.key.id === keluar.key.id).map((sent) => sent.text);
    expect(answers).toEqual([expect.stringMatching(/^✅ #2 .*Saldo Kas: Rp15\.000/s)]);
    expect(await balance()).toBe(15000n);
    expect(await world.db.read.ledgerEntry.count()).toBe(2);
  });

  it('tries a message whose handling throws again, with backoff, and applies and answers it once', async () => {
    const wa = start(failingCore(world.core, 2));
    const setor = inGroup('.setor 5000 kas');
    expect(await wa.deliver([setor])).toEqual([]);
    world.clock.advance(1_000);
    await wa.settle();
    expect(fake.sent.length).toBe(1);
    world.clock.advance(2_000);
    await wa.settle();
    // Delivered again meanwhile: the same row.
    expect(await wa.deliver([setor])).toEqual([]);
    expect(fake.sent.slice(1).map((sent) => sent.text)).toEqual([expect.stringContaining('Saldo Kas: Rp5.000')]);
    expect(await balance()).toBe(5000n);
    const row = await world.db.read.inboxUpdate.findFirstOrThrow({ where: { key: `whatsapp:${GROUP}:${setor.key.id}` } });
    expect([row.status, row.attempts, row.lastError]).toEqual(['done', 2, 'Error']);
  });

  it('tells the chat, quoting the message, when the last try fails, and records nothing', async () => {
    const wa = start(failingCore(world.core, 4));
    const setor = inGroup('.setor 5000 kas');
    await wa.deliver([setor]);
    for (let attempt = 0; attempt < 4; attempt++) {
      world.clock.advance(10_000);
      await wa.settle();
    }
    expect(fake.sent.slice(1)).toEqual([
      expect.objectContaining({ jid: GROUP, text: expect.stringContaining('kesalahan di server'), options: expect.objectContaining({ quoted: expect.objectContaining({ key: expect.objectContaining({ id: setor.key.id }) }) }) }),
    ]);
    expect(await balance()).toBe(0n);
  });

  it('applies a message delivered many times (one batch, live, offline, two processes) once', async () => {
    const [a, b] = [start(), start()];
    const setor = inGroup('.setor 5000 kas');
    fake.upsert([setor, setor], 'notify');
    fake.upsert([setor], 'append');
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.settle(), b.settle()]);
    expect(fake.sent.filter((sent) => sent.options?.quoted?.key.id === setor.key.id)).toHaveLength(1);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect(await balance()).toBe(5000n);
  });
});
