import { describe, expect, it } from 'vitest';
import { createConfig } from '../src/config.js';

describe('config', () => {
  it('defaults to the embedded SQLite file and port 3000', () => {
    expect(createConfig({})).toMatchObject({ databaseUrl: 'file:./data/wksbm.db', port: 3000, whatsappEnabled: false });
  });

  it('takes a PostgreSQL URL as well as a SQLite file', () => {
    const url = 'postgresql://wksbm:rahasia@db.example:5432/wksbm';
    expect(createConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(createConfig({ DATABASE_URL: 'postgres://db/wksbm' }).databaseUrl).toBe('postgres://db/wksbm');
  });

  it('names the variable that is wrong', () => {
    expect(() => createConfig({ PORT: 'delapan' })).toThrow(/PORT/);
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*SQLite.*PostgreSQL/);
    expect(() => createConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reads the WhatsApp settings: pairing number with its country code, a 32-byte auth key, a send pace of at least 1 s', () => {
    const hex = 'ab'.repeat(32);
    const config = createConfig({
      WHATSAPP_ENABLED: 'true',
      WHATSAPP_PAIRING_NUMBER: '+62 812-3456-7890',
      WHATSAPP_AUTH_KEY: hex,
    });
    expect(config.whatsapp).toEqual({
      pairingNumber: '6281234567890',
      authKey: Buffer.from(hex, 'hex'),
      sendIntervalMs: 1500,
      sendJitterMs: 500,
    });
    expect(createConfig({ WHATSAPP_AUTH_KEY: Buffer.alloc(32, 7).toString('base64') }).whatsapp.authKey).toEqual(Buffer.alloc(32, 7));
    expect(() => createConfig({ WHATSAPP_PAIRING_NUMBER: '081234567890' })).toThrow(/WHATSAPP_PAIRING_NUMBER.*country code/);
    expect(() => createConfig({ WHATSAPP_AUTH_KEY: 'rahasia' })).toThrow(/WHATSAPP_AUTH_KEY.*32 random bytes/);
    expect(() => createConfig({ WHATSAPP_AUTH_KEY: 'ab'.repeat(16) })).toThrow(/WHATSAPP_AUTH_KEY/);
    expect(() => createConfig({ WHATSAPP_SEND_INTERVAL_MS: '200' })).toThrow(/WHATSAPP_SEND_INTERVAL_MS/);
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
