import { z } from 'zod';
import { DEFAULT_DATABASE_URL, engineOf } from './db-url.js';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => engineOf(url) !== null, {
      message: 'must be a SQLite file (file:./data/wksbm.db) or PostgreSQL (postgresql://user:password@host:5432/wksbm)',
    }),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Where people reach this server from outside: the dashboard's login links start with it.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'looks like 123456:ABC-def from @BotFather').optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -')
    .optional(),
  WHATSAPP_ENABLED: flag,
  // Digits with the country code, as WhatsApp's "Link with phone number" expects: 628123456789.
  WHATSAPP_PAIRING_NUMBER: z
    .string()
    .transform((value) => value.replace(/[\s+-]/g, ''))
    .refine((value) => /^[1-9]\d{7,14}$/.test(value), {
      message: 'must be the number with its country code and no leading 0, e.g. 628123456789',
    })
    .optional(),
  WHATSAPP_AUTH_KEY: z
    .string()
    .refine((value) => authKeyBytes(value) !== null, {
      message: 'must be 32 random bytes as 64 hex digits or base64, e.g. from: openssl rand -hex 32',
    })
    .optional(),
  // WhatsApp bans numbers that flood groups: at least a second between two messages in one chat.
  WHATSAPP_SEND_INTERVAL_MS: z.coerce.number().int().min(1000).max(60_000).default(1500),
  WHATSAPP_SEND_JITTER_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  // Where the console channel puts the LPJ files it "sends" (Telegram and WhatsApp upload them instead).
  REPORT_DIR: z.string().min(1).default('./data/laporan'),
}).superRefine((env, ctx) => {
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required with TELEGRAM_WEBHOOK_URL' });
  }
});

/** The 32-byte AES-256 key of WHATSAPP_AUTH_KEY (hex or base64), or null when it is not one. */
export function authKeyBytes(text: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/]{43}=?$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  return bytes?.length === 32 ? bytes : null;
}

export interface Config {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** The dashboard runs only with it (`/dasbor` sends `<publicUrl>/masuk/<token>`). */
  readonly publicUrl: string | undefined;
  readonly telegram:
    | {
        readonly token: string;
        readonly apiRoot: string | undefined;
        /** Webhook mode when set; long polling otherwise. */
        readonly webhook: { readonly url: string; readonly path: string; readonly secret: string } | undefined;
      }
    | undefined;
  readonly whatsappEnabled: boolean;
  /** The console's folder for LPJ files. */
  readonly reportDir: string;
  readonly whatsapp: {
    readonly pairingNumber: string | undefined;
    /** AES-256-GCM key for the stored session; undefined keeps it unencrypted. */
    readonly authKey: Buffer | undefined;
    readonly sendIntervalMs: number;
    readonly sendJitterMs: number;
  };
}

/** Reads the environment once; a bad variable stops start-up with a message that names it. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid config: ${problems}`, { cause: parsed.error });
  }
  const env_ = parsed.data;
  return {
    databaseUrl: env_.DATABASE_URL,
    host: env_.HOST,
    port: env_.PORT,
    logLevel: env_.LOG_LEVEL,
    publicUrl: env_.PUBLIC_URL,
    telegram: env_.TELEGRAM_BOT_TOKEN
      ? {
          token: env_.TELEGRAM_BOT_TOKEN,
          apiRoot: env_.TELEGRAM_API_ROOT,
          webhook:
            env_.TELEGRAM_WEBHOOK_URL && env_.TELEGRAM_WEBHOOK_SECRET
              ? {
                  url: env_.TELEGRAM_WEBHOOK_URL,
                  path: new URL(env_.TELEGRAM_WEBHOOK_URL).pathname,
                  secret: env_.TELEGRAM_WEBHOOK_SECRET,
                }
              : undefined,
        }
      : undefined,
    whatsappEnabled: env_.WHATSAPP_ENABLED,
    reportDir: env_.REPORT_DIR,
    whatsapp: {
      pairingNumber: env_.WHATSAPP_PAIRING_NUMBER,
      authKey: env_.WHATSAPP_AUTH_KEY === undefined ? undefined : (authKeyBytes(env_.WHATSAPP_AUTH_KEY) ?? undefined),
      sendIntervalMs: env_.WHATSAPP_SEND_INTERVAL_MS,
      sendJitterMs: env_.WHATSAPP_SEND_JITTER_MS,
    },
  };
}
