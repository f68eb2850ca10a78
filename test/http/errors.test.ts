import { describe, expect, it } from 'vitest';
import { WksError } from '../../src/core/index.js';
import { buildApp } from '../../src/http/app.js';
import { createMemoryLog } from '../helpers/memory-log.js';

const CANARY = 'Bu Sumiati kanker rahim 0812-CANARY';

describe('HTTP error handler', () => {
  it('answers with the status of the error code and logs the code without the message', async () => {
    const { log, lines } = createMemoryLog();
    const app = await buildApp({ log, version: '1', checkDatabase: async () => {}, channels: () => ({}) });
    app.get('/store', async () => {
      throw new WksError('WKS_ERR_STORE', `cannot read case of ${CANARY}`);
    });
    app.get('/bug', async () => {
      throw new Error(`undefined is not a function near ${CANARY}`);
    });
    app.post('/json', async () => 'ok');

    const store = await app.inject({ method: 'GET', url: '/store' });
    expect(store.statusCode).toBe(503);
    expect(store.json()).toEqual({ error: 'WKS_ERR_STORE' });

    const bug = await app.inject({ method: 'GET', url: '/bug' });
    expect(bug.statusCode).toBe(500);
    expect(bug.body).not.toContain('CANARY');

    const bad = await app.inject({ method: 'POST', url: '/json', headers: { 'content-type': 'application/json' }, payload: `{"x": "${CANARY}"` });
    expect(bad.statusCode).toBe(400);

    await app.close();
    // The handler's own lines; request logging (method and URL) is the logger's concern, not this handler's.
    const logged = lines.filter((line) => /"msg":"request (failed|refused)"/.test(line)).join('');
    expect(logged).toContain('WKS_ERR_STORE');
    expect(logged).toContain('FST_ERR_CTP_INVALID_JSON_BODY');
    expect(logged).not.toContain('CANARY');
    expect(logged).not.toContain('Sumiati');
  });
});
