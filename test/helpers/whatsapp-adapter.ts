import type { MessageUpsertType, WAMessage } from '@whiskeysockets/baileys';
import { pino, type Logger } from 'pino';
import { createWhatsAppAdapter, type AdapterSocket, type WhatsAppAdapter } from '../../src/channels/whatsapp/adapter.js';
import { createSeal } from '../../src/channels/whatsapp/seal.js';
import type { Clock, Core } from '../../src/core/index.js';
import type { InboxWorkerOptions } from '../../src/inbox/worker.js';
import { createDispatcher, createRateLimiter, whatsappLimits } from '../../src/scheduler/index.js';
import { createWhatsAppStore } from '../../src/store/whatsapp.js';
import { tmpDir } from './paths.js';
import type { createFakeSocket } from './whatsapp-socket.js';
import type { World } from './world.js';

const UNLIMITED = { limit: 1_000_000, windowMs: 1 };

export interface TestWhatsApp {
  readonly adapter: WhatsAppAdapter;
  /** Handles what is stored and due, then sends what the outbox holds that is due, as the scheduler would. */
  settle(): Promise<void>;
  /** Delivers messages as Baileys does and returns the texts the bot sent because of them. */
  deliver(messages: readonly WAMessage[], type?: MessageUpsertType): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * The WhatsApp adapter wired as src/main.ts wires it: messages stored in the world's inbox and handled
 * from there, answers committed to the outbox and sent by the production dispatcher through the adapter's
 * sender. WhatsApp's pace applies only with `pace` (tests that measure it, on the system clock).
 */
export function startWhatsApp(
  world: World,
  fake: ReturnType<typeof createFakeSocket>,
  options: { core?: Core; log?: Logger; clock?: Clock; socket?: AdapterSocket; inboxOptions?: Partial<InboxWorkerOptions>; pace?: { intervalMs: number; jitterMs: number } } = {},
): TestWhatsApp {
  const log = options.log ?? pino({ level: 'silent' });
  const clock = options.clock ?? world.clock;
  const adapter = createWhatsAppAdapter({
    core: options.core ?? world.core,
    store: createWhatsAppStore(world.db.read, world.writer),
    inbox: world.stores.inbox,
    clock,
    seal: createSeal(undefined),
    log,
    inboxOptions: { pollMs: 50, ...options.inboxOptions },
  });
  adapter.attach(options.socket ?? fake.socket);
  const pace = options.pace ? whatsappLimits(options.pace.intervalMs, options.pace.jitterMs) : { overall: UNLIMITED, perChat: UNLIMITED };
  const dispatcher = createDispatcher({
    outbox: world.stores.outbox,
    planner: world.stores.planner,
    reports: { reports: world.stores.reports, monthly: world.stores.monthly, filesDir: tmpDir() },
    proofs: { proofs: world.stores.proofs, filesDir: tmpDir() },
    senders: [adapter.sender],
    limiter: createRateLimiter(pace.overall, pace.perChat),
    clock,
    log,
    random: () => 1,
  });
  async function settle() {
    await adapter.idle();
    while ((await dispatcher.runOnce()) > 0);
  }
  return {
    adapter,
    settle,
    async deliver(messages, type = 'notify') {
      const before = fake.sent.length;
      fake.upsert([...messages], type);
      await settle();
      return fake.sent.slice(before).map((sent) => sent.text);
    },
    async stop() {
      await adapter.stop();
      await dispatcher.stop();
    },
  };
}
