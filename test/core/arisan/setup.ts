import type { World } from '../../helpers/world.js';

/**
 * A WKSBM with ketua Bu Sri and bendahara Pak Budi, and arisan mawar (Rp50.000 per round) with shares
 * 1 Bu Sri, 2–3 Pak Budi, 4 Mbah Karto (no chat account).
 */
export async function startMawar(world: World): Promise<void> {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Pak Budi', 'halo');
  await world.say('Bu Sri', '/peran Pak Budi bendahara');
  await world.say('Bu Sri', '/arisan buat mawar 50rb bulanan');
  await world.say('Bu Sri', '/arisan ikut mawar');
  await world.say('Pak Budi', '/arisan ikut mawar 2 nomor');
  await world.say('Bu Sri', '/arisan tambah mawar Mbah Karto');
}
