import type { FastifyError, FastifyInstance } from 'fastify';
import { WksError, type WksErrorCode } from '../core/index.js';

/** The HTTP status for each code: our own failures are 500, a dependency that may come back is 503. */
const STATUS: Record<WksErrorCode, number> = {
  WKS_ERR_INVARIANT: 500,
  WKS_ERR_STORE: 503,
  WKS_ERR_CONFIG: 500,
  WKS_ERR_WRITE_CONFLICT: 503,
  WKS_ERR_TELEGRAM_START: 503,
  WKS_ERR_ROLE_CHANGED: 503,
};

/**
 * Every route's errors end here. A `WksError` answers with the status of its code; an error Fastify
 * raised for the request itself (a bad body, a body too large) keeps its 4xx; anything else is a 500.
 * The log line carries the code, the error's name, the route pattern and the status, never the URL,
 * its query, the body or the error's message: any of them may hold a person's data or a token.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | WksError, request, reply) => {
    const code = error instanceof WksError ? error.code : (error.code ?? 'WKS_ERR_UNKNOWN');
    const status =
      error instanceof WksError
        ? STATUS[error.code]
        : error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 500;
    const facts = { code, error: error.name, method: request.method, route: request.routeOptions.url ?? null, status };
    if (status >= 500) request.log.error(facts, 'request failed');
    else request.log.info(facts, 'request refused');
    return reply.code(status).send({ error: code });
  });
}
