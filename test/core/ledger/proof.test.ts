import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoFile } from '../../../src/core/index.js';
import { proofImageType } from '../../../src/core/ledger/image-type.js';
import { createTestClock, createWorld, groupMessage, type World } from '../../helpers/world.js';

let world: World;
const clock = createTestClock();
beforeEach(async () => {
  clock.set(new Date(Date.now() + 60_000));
  world = await createWorld({ clock });
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
});
afterEach(async () => world.close());

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([64, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.4\n% not a photo at all\n');

/** A message with a photo whose download is counted (and may fail) the way a channel's would. */
function photoMessage(text: string, bytes: Uint8Array, options: { messageId?: string; fail?: boolean; redelivered?: boolean } = {}) {
  const loads = { count: 0 };
  const load = async (): Promise<PhotoFile> => {
    loads.count++;
    if (options.fail) throw new Error('download failed');
    return { bytes, mimeType: 'image/jpeg' };
  };
  const message = { ...groupMessage('Bu Sri', text, 'rt05', options.messageId), photo: { ref: 'foto', load }, redelivered: options.redelivered };
  return { message, loads };
}

describe('the type of a proof photo', () => {
  it('is told by the bytes: JPEG, PNG and WebP, nothing else', () => {
    expect(proofImageType(JPEG)).toBe('image/jpeg');
    expect(proofImageType(PNG)).toBe('image/png');
    expect(proofImageType(WEBP)).toBe('image/webp');
    expect(proofImageType(PDF)).toBeNull();
    expect(proofImageType(Buffer.from('RIFF1234WAVE'))).toBeNull();
    expect(proofImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  it('keeps the type the bytes say, whatever the platform labelled them', async () => {
    const { message } = photoMessage('/setor 5000 kas', PNG);
    expect(await world.send(message)).toContain('📎 Foto bukti untuk #1 disimpan');
    const proof = await world.db.read.proof.findFirstOrThrow();
    expect(proof.mimeType).toBe('image/png');
  });

  it('refuses a "photo" that is no image, in Bahasa Indonesia, and keeps the entry without it', async () => {
    const { message } = photoMessage('/setor 5000 kas', PDF);
    const answer = await world.send(message);
    expect(answer).toContain('✅ #1');
    expect(answer).toContain('bukan foto (JPEG, PNG atau WebP), jadi tidak disimpan sebagai bukti');
    expect(await world.db.read.proof.count()).toBe(0);
    expect(await world.say('Bu Sri', '/riwayat')).not.toContain('📎');
  });
});

describe('a message with a photo handled again', () => {
  it('does not download the photo a second time', async () => {
    const first = photoMessage('/setor 5000 kas', JPEG, { messageId: 'm1' });
    const answer = await world.send(first.message);
    const again = photoMessage('/setor 5000 kas', JPEG, { messageId: 'm1' });
    expect(await world.send(again.message)).toBe(answer);
    const redelivered = photoMessage('/setor 5000 kas', JPEG, { messageId: 'm1', redelivered: true });
    expect(await world.send(redelivered.message)).toBe(answer);
    expect([first.loads.count, again.loads.count, redelivered.loads.count]).toEqual([1, 0, 0]);
    expect(await world.db.read.proof.count()).toBe(1);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
  });

  it('keeps the photo of a redelivered /setor whose first handling stopped after the entry', async () => {
    const first = photoMessage('/setor 5000 kas', JPEG, { messageId: 'm2', fail: true });
    await expect(world.send(first.message)).rejects.toThrow('download failed');
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect(await world.db.read.proof.count()).toBe(0);

    const redelivered = photoMessage('/setor 5000 kas', JPEG, { messageId: 'm2', redelivered: true });
    const answer = await world.send(redelivered.message);
    expect(answer).toContain('✅ #1');
    expect(answer).toContain('📎 Foto bukti untuk #1 disimpan');
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect(await world.db.read.proof.count()).toBe(1);
  });

  it('does not download again a "photo" it refused, as a /setor or as an answer to one', async () => {
    const first = photoMessage('/setor 5000 kas', PDF, { messageId: 'm3' });
    const answer = await world.send(first.message);
    expect(answer).toContain('bukan foto');
    const redelivered = photoMessage('/setor 5000 kas', PDF, { messageId: 'm3', redelivered: true });
    expect(await world.send(redelivered.message)).toBe(answer);

    const reply = photoMessage('', PDF, { messageId: 'p3' });
    const refused = await world.send({ ...reply.message, replyTo: { messageId: 'm3' } });
    expect(refused).toContain('bukan foto');
    const replyAgain = photoMessage('', PDF, { messageId: 'p3', redelivered: true });
    expect(await world.send({ ...replyAgain.message, replyTo: { messageId: 'm3' } })).toBe(refused);

    expect([first.loads.count, redelivered.loads.count, reply.loads.count, replyAgain.loads.count]).toEqual([1, 0, 1, 0]);
    expect(await world.db.read.proof.count()).toBe(0);
  });

  it('does not download again a photo answering a /setor', async () => {
    await world.send(groupMessage('Bu Sri', '/setor 5000 kas', 'rt05', 's1'));
    const first = photoMessage('', JPEG, { messageId: 'p1' });
    expect(await world.send({ ...first.message, replyTo: { messageId: 's1' } })).toContain('📎 Foto bukti untuk #1 disimpan');
    const again = photoMessage('', JPEG, { messageId: 'p1' });
    expect(await world.send({ ...again.message, replyTo: { messageId: 's1' } })).toContain('📎 Foto bukti untuk #1 disimpan');
    expect([first.loads.count, again.loads.count]).toEqual([1, 0]);
    expect(await world.db.read.proof.count()).toBe(1);
  });
});
