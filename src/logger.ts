import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * What people write and what the bot answers can be personal data (UU PDP 27/2022): a report names a
 * person in need and their address. So no log line carries message text, reply text, update bodies,
 * API payloads or tokens, at any level. Three layers keep it so:
 * - errors are serialised from an allow-list of fields (`serializeError`), never by copying their
 *   properties: grammY's errors carry the request payload and the update's context, Baileys' Boom
 *   errors a `data` object, Prisma's the values of the failed query;
 * - Fastify requests are logged as method and path only (no query, headers or body);
 * - these paths are censored wherever they appear in a logged object, and every written line has the
 *   bot's secrets and anything shaped like a Telegram bot token replaced.
 */
const FIELDS = ['text', 'caption', 'replies', 'reply', 'args', 'note', 'reason', 'payload', 'update', 'body', 'ctx', 'query'];
/** What Baileys puts beside its warnings: protocol nodes and their content, which can hold messages. */
const BAILEYS_FIELDS = ['node', 'content', 'payloadNode', 'fullErrorNode', 'child', 'data', 'uploadResult'];
const REDACT = [...FIELDS, ...FIELDS.map((field) => `*.${field}`), ...BAILEYS_FIELDS, 'message.text', 'inbound.text'];
/** Keys under which libraries (Baileys above all) log errors; `err` is pino's own. */
const ERROR_KEYS = ['err', 'error', 'e', 'ackErr'];
const CENSOR = '[redacted]';

/** `123456789:AAH…` as in a Bot API URL (`/bot<token>/sendMessage`) or anywhere else. */
const BOT_TOKEN = /\d{3,}:[A-Za-z0-9_-]{8,}/g;
/** Deeper causes than this are summarised: a cause chain is never that long unless it loops. */
const MAX_CAUSES = 5;

export interface LoggerOptions {
  /** Values never to be written (the bot token, the webhook secret, the WhatsApp auth key), whatever their shape. */
  readonly secrets?: readonly (string | undefined)[];
}

/** Prisma's errors name themselves PrismaClient…Error; their messages can quote a query's values. */
const isPrismaError = (error: unknown): error is Error & { code?: unknown } =>
  error instanceof Error && error.name.startsWith('PrismaClient');

const fieldOf = (error: object, key: string): unknown => (error as Record<string, unknown>)[key];
const scalar = (value: unknown): string | number | boolean | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

/**
 * An error as its type, message, stack, a few technical fields and its cause. A database error (or one
 * caused by it) keeps only its type and code: the message of a failed query can hold the names,
 * addresses and report texts it was writing.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a value that is not an Error was thrown (withheld)' };
  for (let link: unknown = error; link instanceof Error; link = link.cause) {
    if (isPrismaError(link)) {
      return {
        type: error.name,
        message: `database error ${link.name}${typeof link.code === 'string' ? ` ${link.code}` : ''} (details withheld: they may hold personal data)`,
      };
    }
  }
  // grammY's BotError wraps what a middleware threw together with the whole context (update, API, token).
  const inner = fieldOf(error, 'error');
  if (error.name === 'BotError' && inner !== undefined) return { ...serializeError(inner, depth), wrappedIn: 'BotError' };

  const serialized: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  // GrammyError: method, error_code, description, parameters; Node: code, errno, syscall; Boom: output.statusCode.
  for (const key of ['code', 'errno', 'syscall', 'method', 'error_code', 'description', 'statusCode']) {
    const value = scalar(fieldOf(error, key));
    if (value !== undefined) serialized[key] = value;
  }
  const boomStatus = scalar((fieldOf(error, 'output') as { statusCode?: unknown } | undefined)?.statusCode);
  if (fieldOf(error, 'isBoom') === true && boomStatus !== undefined) serialized.statusCode = boomStatus;
  const retryAfter = scalar((fieldOf(error, 'parameters') as { retry_after?: unknown } | undefined)?.retry_after);
  if (retryAfter !== undefined) serialized.retryAfter = retryAfter;
  // grammY's HttpError keeps the network error in `error`, others use the standard `cause`.
  const cause = error.name === 'HttpError' && inner !== undefined ? inner : error.cause;
  if (cause !== undefined) {
    serialized.cause = depth < MAX_CAUSES ? serializeError(cause, depth + 1) : { message: 'further causes left out' };
  }
  return serialized;
}

/** An error under another key is serialised like `err`; anything else there is left to the redaction. */
const serializeErrorField = (value: unknown): unknown => (value instanceof Error ? serializeError(value) : value);

/** A Fastify request as method and path: the query and the body can carry tokens and people's words. */
function serializeRequest(request: { method?: unknown; url?: unknown }): Record<string, unknown> {
  const url = typeof request.url === 'string' ? request.url : '';
  return { method: request.method, path: url.split('?')[0] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createLogger(level: string, destination?: DestinationStream, options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  const known = secrets.length ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g') : null;
  const scrub = (line: string): string => (known ? line.replace(known, CENSOR) : line).replace(BOT_TOKEN, CENSOR);
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: CENSOR },
      serializers: {
        ...Object.fromEntries(ERROR_KEYS.map((key) => [key, key === 'err' ? serializeError : serializeErrorField])),
        req: serializeRequest,
      },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}
