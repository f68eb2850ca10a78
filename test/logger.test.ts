import { afterEach, describe, expect, it } from 'vitest';
import { WksError } from '../src/core/index.js';
import { createMemoryLog } from './helpers/memory-log.js';
import { createWorld, type World } from './helpers/world.js';

let world: World | undefined;
afterEach(async () => world?.close());

describe('logger', () => {
  it('never writes what a failed database query held, also when it is the cause of another error', async () => {
    world = await createWorld();
    const canary = 'CANARY-Mbah-Sumi-RT03';
    const failure = await world.db.read.person
      .create({ data: { name: canary, unknownField: canary } as never })
      .catch((error: unknown) => error as Error);
    expect(String(failure)).toContain(canary);

    const { log, lines } = createMemoryLog();
    log.error({ err: failure }, 'case write failed');
    log.error({ err: new WksError('WKS_ERR_STORE', 'wrapped', { cause: failure }) }, 'store failed');
    const written = lines.join('');
    expect(written).not.toContain(canary);
    expect(written).toContain('PrismaClientValidationError');
  });

  it('keeps the message and stack of other errors', () => {
    const { log, lines } = createMemoryLog();
    log.error({ err: new Error('Bot API unreachable') }, 'start failed');
    expect(lines.join('')).toContain('Bot API unreachable');
    expect(lines.join('')).toContain('"stack"');
  });
});
