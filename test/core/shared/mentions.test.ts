import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../../src/core/index.js';
import { createWorld, type World } from '../../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
});
afterEach(async () => world.close());

const budi: Mention = { token: '@628123456789', id: '628123456789@s.whatsapp.net', name: 'Pak Budi' };

/** A message in the world's group from Bu Sri, tagging people as a WhatsApp user does. */
function tagging(text: string, mentions: readonly Mention[]) {
  return world.send({
    chat: { channel: 'console', id: 'rt05', kind: 'group' },
    sender: { id: 'bu sri', name: 'Bu Sri' },
    messageId: randomUUID(),
    text,
    mentions,
  });
}

describe('tagged people (@mentions)', () => {
  it('/peran @tag gives the tagged person the role, even before they wrote in the group', async () => {
    expect(await tagging('/peran @628123456789 bendahara', [budi])).toBe('✅ Pak Budi sekarang bendahara (sebelumnya anggota).');
    expect(await world.say('Bu Sri', '/anggota')).toContain('Pengurus: Bu Sri (ketua), Pak Budi (bendahara)');
    const identity = await world.db.read.identity.findFirstOrThrow({ where: { externalId: budi.id }, include: { person: true } });
    expect(identity.person.name).toBe('Pak Budi');
  });

  it('/setor … dari @tag records the tagged person as the contributor, with the note after the tag', async () => {
    const answer = await tagging('/setor 5000 jimpitan dari @628123456789 titipan minggu lalu', [budi]);
    expect(answer).toContain('Pak Budi');
    const entry = await world.db.read.ledgerEntry.findFirstOrThrow({ include: { contributor: true } });
    expect([entry.contributorName, entry.contributor?.name, entry.note]).toEqual(['Pak Budi', 'Pak Budi', 'titipan minggu lalu']);
  });

  it('reads a tag that the channel did not resolve as a plain name, and records nothing for /peran', async () => {
    expect(await tagging('/peran @628999 bendahara', [budi])).toContain('Tidak ada anggota bernama "@628999"');
    expect(await world.db.read.membership.count()).toBe(1);
  });
});
