import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/core/index.js';
import { INVISIBLE } from '../helpers/invisible.js';
import { createWorld, type World } from '../helpers/world.js';


let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => world.close());

const BOT = 'wksbm_test_bot';

/** A Telegram group message; the channel looked up admin status only where the core's reading asked for it. */
function telegram(name: string, text: string, isChatAdmin: boolean, messageId: string): Inbound {
  const reading = world.core.read(text, BOT);
  return {
    chat: { channel: 'telegram', id: '-100900', kind: 'group' },
    sender: { id: name, name, ...(reading.needsChatAdmin ? { isChatAdmin } : {}) },
    messageId,
    text,
    botUsername: BOT,
  };
}

describe('one reading of a command, whatever invisible characters lead', () => {
  for (const [what, mark] of Object.entries(INVISIBLE)) {
    it(`reads "${what}/…" as the command itself`, () => {
      expect(world.core.read(`${mark}/mulai WKSBM X`, BOT)).toEqual({
        command: { name: 'mulai', args: 'WKSBM X', addressee: null },
        forOtherBot: false,
        needsChatAdmin: true,
      });
      expect(world.core.read(`${mark}/keluar 1000 kas${mark}`, BOT).command).toEqual({ name: 'keluar', args: '1000 kas', addressee: null });
      expect(world.core.read(`${mark}/setor@other_bot 5000 kas`, BOT)).toEqual({ command: null, forOtherBot: true, needsChatAdmin: false });
      expect(world.core.read(`${mark}/setor@${BOT.toUpperCase()} 5000 kas`, BOT).command?.name).toBe('setor');
    });

    it(`keeps a non-admin from registering the group with "${what}/mulai"`, async () => {
      expect(await world.send(telegram('Mas Joko', `${mark}/mulai WKSBM X`, false, 'm1'))).toContain('Hanya admin grup');
      expect(await world.db.read.wksbm.count()).toBe(0);
    });

    it(`spends nothing on a demoted admin's "${what}/keluar", and ignores "${what}/setor@other_bot"`, async () => {
      expect(await world.send(telegram('Bu Sri', '/mulai WKSBM Anggrek', true, 'm1'))).toContain('tercatat sebagai ketua');
      expect(await world.send(telegram('Bu Sri', '/setor 5000 kas', true, 'm2'))).toMatch(/^✅ #1/);
      const refused = await world.send(telegram('Bu Sri', `${mark}/keluar 1000 kas`, false, 'm3'));
      expect(refused).toContain('tercatat sebagai ketua');
      expect(await world.send(telegram('Bu Sri', `${mark}/setor@other_bot 5000 kas`, true, 'm4'))).toBe('');
      expect(await world.db.read.ledgerEntry.count()).toBe(1);
      expect(await world.db.read.submission.count()).toBe(0);
      expect((await world.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance).toBe(5000n);
    });
  }

  it('needs admin status only for what depends on the sender’s group role', () => {
    const needs = (text: string) => world.core.read(text, BOT).needsChatAdmin;
    expect(needs('/keluar 1000 kas')).toBe(true);
    expect(needs('/mulai WKSBM X')).toBe(true);
    expect(needs('/bantuan')).toBe(false);
    expect(needs('/tidakada')).toBe(false);
    expect(needs('halo /keluar 1000 kas')).toBe(false);
  });

  it('reads a command naming a bot on a channel without bot names as before', async () => {
    await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
    expect(await world.say('Bu Sri', '\u200B/setor@anything 5000 kas')).toMatch(/^✅ #1/);
  });
});
