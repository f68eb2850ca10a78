import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DashboardDeps } from './dashboard/index.js';
import { registerErrorHandler } from './errors.js';

export interface AppDeps {
  readonly log: Logger;
  readonly version: string;
  /** Throws when the database cannot answer. */
  checkDatabase(): Promise<void>;
  /** Which channels run, and why the others do not. */
  channels(): Record<string, string>;
  /** The web dashboard, when PUBLIC_URL is set. */
  readonly dashboard?: DashboardDeps;
  /**
   * This instance, and whether it owns the jobs that run once (polling, WhatsApp, sending the outbox)
   * or stands by for them (several instances may share the database).
   */
  instance?(): { readonly id: string; readonly role: string };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Health probes every few seconds would drown the log.
    logController: new LogController({ disableRequestLogging: (request) => request.url === '/healthz' }),
  });

  registerErrorHandler(app);

  app.get('/healthz', async (_request, response) => {
    let database = 'ok';
    try {
      await deps.checkDatabase();
    } catch (error) {
      deps.log.error({ err: error }, 'health check: database unreachable');
      database = 'error';
    }
    const ok = database === 'ok';
    return response.code(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'error',
      database,
      version: deps.version,
      channels: deps.channels(),
      ...(deps.instance ? { instance: deps.instance() } : {}),
    });
  });

  // The dashboard's plugins and templates are loaded only when it is on (PUBLIC_URL): a large part of start-up.
  if (deps.dashboard) await app.register((await import('./dashboard/index.js')).dashboardPlugin, deps.dashboard);
  return app;
}
