import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('the writer', () => {
  it('writes an urgent request (a message marked sent, a lease renewed) before the work queued ahead of it', async () => {
    world = await createWorld();
    const written: string[] = [];
    // 1. a transaction is under way, and a burst of inbox work queues behind it
    let finish!: () => void;
    const underWay = new Promise<void>((resolve) => (finish = resolve));
    const first = world.writer.run(async () => {
      await underWay;
      written.push('under way');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const burst = Array.from({ length: 5 }, (_, index) => world!.writer.run(async () => void written.push(`inbox ${index}`)));
    // 2. then the mark of a sent message arrives
    const mark = world.writer.run(async () => void written.push('sent mark'), { urgent: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await Promise.all([first, ...burst, mark]);
    // 3. it is written right after the transaction under way, ahead of the burst
    expect(written).toEqual(['under way', 'sent mark', 'inbox 0', 'inbox 1', 'inbox 2', 'inbox 3', 'inbox 4']);
  });
});
