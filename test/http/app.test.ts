import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createWorld } from '../helpers/world.js';
import { createClient } from '../../src/db.js';

describe('GET /healthz', () => {
  it('answers 200 with the database status and version when the database answers', async () => {
    const world = await createWorld();
    let database = world.db.read;
    const app = await buildApp({
      log: pino({ level: 'silent' }),
      version: '9.9.9',
      channels: () => ({ telegram: 'off: TELEGRAM_BOT_TOKEN is not set' }),
      checkDatabase: async () => {
        await database.$queryRawUnsafe('SELECT 1');
      },
    });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: 'ok',
      version: '9.9.9',
      channels: { telegram: 'off: TELEGRAM_BOT_TOKEN is not set' },
    });

    // 2. the database file cannot be opened: the check fails and the status says so.
    await world.close();
    database = await createClient('file:/nonexistent-wksbm-dir/gone.db');
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'error', database: 'error' });
    await app.close();
  });
});
