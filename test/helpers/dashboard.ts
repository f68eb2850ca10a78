import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino, type Logger } from 'pino';
import { dashboardDeps } from '../../src/app-context.js';
import { buildApp } from '../../src/http/app.js';
import { createWorld, type World, type WorldOptions } from './world.js';

export const PUBLIC_URL = 'http://dasbor.test';

export interface DashboardWorld extends World {
  readonly app: FastifyInstance;
  /** Asks the bot for a login link in the person's private chat; returns its token. */
  loginToken(user: string): Promise<string>;
  /** Logs in through the link as a browser would: the page, then its button. Returns the session cookie jar. */
  logIn(user: string): Promise<Browser>;
}

/** Cookies as a browser keeps them, for app.inject. */
export interface Browser {
  readonly cookies: Record<string, string>;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form, adding the CSRF token read from the page at `formPage` unless `csrf: false`. */
  post(url: string, form: Record<string, string | string[]>, options?: { csrf?: boolean; page?: string }): Promise<LightMyRequestResponse>;
}

export function formEncode(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const one of [value].flat()) params.append(key, one);
  return params.toString();
}

/** Hidden input `name` of a page. */
export const hidden = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

export function browserOf(app: FastifyInstance, cookies: Record<string, string> = {}): Browser {
  const keep = (response: LightMyRequestResponse) => {
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || cookie.expires?.getTime() === 0) delete cookies[cookie.name];
      else cookies[cookie.name] = cookie.value;
    }
    return response;
  };
  const browser: Browser = {
    cookies,
    async get(url) {
      return keep(await app.inject({ method: 'GET', url, cookies }));
    },
    async post(url, form, options = {}) {
      const body = { ...form };
      if (options.csrf !== false) {
        const pageHtml = (await browser.get(options.page ?? url)).body;
        body._csrf = hidden(pageHtml, '_csrf') ?? '';
      }
      return keep(
        await app.inject({
          method: 'POST',
          url,
          cookies,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formEncode(body),
        }),
      );
    },
  };
  return browser;
}

/** A world (real SQLite file, core, stores) with the HTTP app and its dashboard over it. */
export async function createDashboardWorld(options: WorldOptions & { appLog?: Logger } = {}): Promise<DashboardWorld> {
  const world = await createWorld({ ...options, publicUrl: PUBLIC_URL });
  const app = await buildApp({
    log: options.appLog ?? pino({ level: 'silent' }),
    version: 'test',
    channels: () => ({}),
    checkDatabase: async () => {},
    dashboard: dashboardDeps(world, PUBLIC_URL),
  });
  const loginToken = async (user: string) => {
    const answer = await world.say(user, '/dasbor', { chat: null });
    const token = /\/masuk\/([A-Za-z0-9_-]+)/.exec(answer)?.[1];
    if (!token) throw new Error(`no login link for ${user}: ${answer}`);
    return token;
  };
  return Object.assign(Object.create(null), world, {
    app,
    loginToken,
    async logIn(user: string) {
      const browser = browserOf(app);
      const token = await loginToken(user);
      const answer = await browser.post('/masuk', { token }, { page: `/masuk/${token}` });
      if (answer.statusCode !== 303) throw new Error(`login failed: ${answer.statusCode}`);
      return browser;
    },
    async close() {
      await app.close();
      await world.close();
    },
  }) as DashboardWorld;
}
