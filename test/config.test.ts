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

describe('Telegram config', () => {
  it('chooses long polling by default and webhook mode with a URL and secret', () => {
    expect(createConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }).telegram).toEqual({ token: '123:abc', apiRoot: undefined, webhook: undefined });
    const webhook = createConfig({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.id/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: 'secret_secret_secret',
    }).telegram?.webhook;
    expect(webhook).toEqual({ url: 'https://bot.example.id/tg/hook', path: '/tg/hook', secret: 'secret_secret_secret' });
  });

  it('refuses a webhook without a secret, and a malformed token', () => {
    expect(() => createConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_URL: 'https://x.id/h' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => createConfig({ TELEGRAM_BOT_TOKEN: 'not a token' })).toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});
