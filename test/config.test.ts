import { describe, expect, it } from 'vitest';
import { createConfig } from '../src/config.js';

describe('config', () => {
  it('defaults to the embedded SQLite file and port 3000', () => {
    expect(createConfig({})).toMatchObject({ databaseUrl: 'file:./data/wksbm.db', port: 3000, whatsappEnabled: false });
  });

  it('names the variable that is wrong', () => {
    expect(() => createConfig({ PORT: 'delapan' })).toThrow(/PORT/);
    expect(() => createConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL.*SQLite/);
    expect(() => createConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
