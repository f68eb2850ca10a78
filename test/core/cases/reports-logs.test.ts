import { describe, expect, it } from 'vitest';
import { createMemoryLog } from '../../helpers/memory-log.js';
import { createWorld, type World } from '../../helpers/world.js';

/** Every personal field of a report carries one of these; none may reach a log line. */
const CANARY = {
  subject: 'CANARY-SUBJECT-7f3a',
  location: 'CANARY-ADDRESS-91bc',
  description: 'CANARY-STORY-44de',
  photo: 'CANARY-PHOTO-REF-0a1b',
  note: 'CANARY-NOTE-5e6f',
  reporter: 'Canary Reporter 2c8d',
} as const;

const inPrivate = { chat: null } as const;

/** Every report flow, with the canaries typed where people would type personal data. */
async function everyFlow(world: World): Promise<World> {
  const reporter = CANARY.reporter;
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say(reporter, `halo ${CANARY.subject}`);
  await world.say('Bu Sri', '/mulai pengurus', { chat: 'pengurus' });
  await world.say(reporter, `/lapor ${CANARY.subject} ${CANARY.location}`);

  const answers = ['8', CANARY.subject, CANARY.location, CANARY.description, '1'];
  for (const anonymous of ['1', '2']) {
    await world.say(reporter, '/lapor', inPrivate);
    for (const answer of answers) await world.say(reporter, answer, inPrivate);
    await world.say(reporter, CANARY.description, { ...inPrivate, photo: CANARY.photo });
    await world.say(reporter, anonymous, inPrivate);
  }
  // Abandoned, resumed after a restart, and cancelled.
  await world.say(reporter, '/lapor', inPrivate);
  await world.say(reporter, '8', inPrivate);
  await world.say(reporter, CANARY.subject, inPrivate);
  world = await world.restart();
  await world.say(reporter, CANARY.location, inPrivate);
  await world.say(reporter, 'batal', inPrivate);

  await world.say('Bu Sri', '/kasus', inPrivate);
  await world.say('Bu Sri', '/kasus 1', inPrivate);
  await world.say('Bu Sri', `/kasus 1 verifikasi ${CANARY.note}`, inPrivate);
  await world.say('Bu Sri', `/kasus 1 tangani ${CANARY.note}`, { chat: 'pengurus' });
  await world.say('Bu Sri', `/kasus 1 ${CANARY.subject}`);
  await world.say(reporter, `/kasus 1 tolak ${CANARY.note}`, inPrivate);
  await world.say('Bu Sri', '/setor 1jt kas');
  await world.say('Bu Sri', `/keluar 100rb kas ${CANARY.note} kasus 1`);
  await world.say('Bu Sri', `/keluar 100jt kas ${CANARY.note} kasus 1`);
  await world.say(reporter, '/lapor batal 2', inPrivate);
  await world.say('Bu Sri', '/kasus 1 hapus-data', inPrivate);
  await world.say('Bu Sri', '/kasus 1', inPrivate);
  return world;
}

describe('logs of the report flows', () => {
  for (const failNotices of [false, true]) {
    it(`hold no report text, subject name, address, photo reference or reporter name (notices ${failNotices ? 'failing' : 'sent'})`, async () => {
      const { log, lines } = createMemoryLog();
      let world = await createWorld({ log, failNotices });
      try {
        world = await everyFlow(world);
        expect(await world.db.read.case.count()).toBe(2);
        expect(world.notices.length > 0).toBe(!failNotices);
      } finally {
        await world.close();
      }
      if (failNotices) expect(lines.join('')).toContain('notice not sent');
      const logged = lines.join('');
      for (const canary of Object.values(CANARY)) expect(logged).not.toContain(canary);
    });
  }
});
