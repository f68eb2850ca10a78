import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * What people write can be personal data (UU PDP 27/2022), so message text is never logged: these
 * paths are censored wherever they appear in a log object.
 */
const REDACT = ['text', 'message.text', 'inbound.text', '*.text', 'replies', '*.replies', 'args', 'note', 'reason'];

/** Prisma's errors name themselves PrismaClient…Error; their messages can quote a query's values. */
const isPrismaError = (error: unknown): error is Error & { code?: unknown } =>
  error instanceof Error && error.name.startsWith('PrismaClient');

/**
 * Errors are logged with their stack, except that a database error (or one caused by it) keeps only
 * its type and code: the message of a failed query can hold the names, addresses and report texts it
 * was writing.
 */
function serializeError(error: unknown): unknown {
  for (let link: unknown = error; link instanceof Error; link = link.cause) {
    if (isPrismaError(link)) {
      return {
        type: (error as Error).name,
        message: `database error ${link.name}${typeof link.code === 'string' ? ` ${link.code}` : ''} (details withheld: they may hold personal data)`,
      };
    }
  }
  return pino.stdSerializers.err(error as Error);
}

/**
 * An HTTP request as Fastify logs it: the method and the route pattern (`/masuk/:token`), never the URL
 * itself, whose path can hold a login token and whose query can hold a name someone searched for.
 */
function serializeRequest(request: { method?: string; routeOptions?: { url?: string } }): unknown {
  return { method: request.method, route: request.routeOptions?.url ?? null };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, serializers: { err: serializeError, req: serializeRequest } },
    destination,
  );
}
