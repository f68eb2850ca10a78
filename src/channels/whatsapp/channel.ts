import {
  Browsers,
  DisconnectReason,
  makeCacheableSignalKeyStore,
  makeWASocket,
  type BaileysEventMap,
  type UserFacingSocketConfig,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import qrcode from 'qrcode-terminal';
import type { ChannelSender, Clock, Core, WhatsAppStore } from '../../core/index.js';
import type { InboxWorkerOptions } from '../../inbox/worker.js';
import type { InboxStore } from '../../store/inbox.js';
import { createWhatsAppAdapter, type AdapterSocket } from './adapter.js';
import { openDatabaseAuthState, type DatabaseAuthState } from './auth-state.js';
import { createSeal } from './seal.js';

/** The socket the channel drives: what the adapter needs, plus linking and closing. */
export interface ChannelSocket extends AdapterSocket {
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): Promise<void> | void;
}

export interface WhatsAppChannelDeps {
  readonly core: Core;
  readonly store: WhatsAppStore;
  /** Where each incoming message is stored before anything else happens with it. */
  readonly inbox: InboxStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly authKey: Buffer | undefined;
  /** Link with a pairing code for this number instead of a QR code. */
  readonly pairingNumber: string | undefined;
  readonly inboxOptions?: Partial<InboxWorkerOptions>;
  /** Baileys' `makeWASocket`; tests pass a fake. */
  readonly makeSocket?: (config: UserFacingSocketConfig) => ChannelSocket;
  /** Shows the text a person needs to link the number (QR code or pairing code). */
  readonly show?: (text: string) => void;
  /** First reconnect delay; doubles up to a minute. */
  readonly reconnectBaseMs?: number;
}

export interface WhatsAppChannel {
  start(): Promise<void>;
  /** Stops cleanly: no reconnect, messages being handled finish (the rest wait in the inbox), the socket closes. */
  stop(): Promise<void>;
  /** For /healthz: connected, connecting, waiting to be linked, reconnecting, logged out, off. */
  status(): string;
  readonly sender: ChannelSender;
}

const RECONNECT_MAX_MS = 60_000;
// Within the 5 s a stop may take in all: what is not handled by then is handled after the restart.
const STOP_GRACE_MS = 2_000;
/** Sent messages are kept this long for WhatsApp's retry requests. */
const KEEP_SENT_MS = 14 * 24 * 60 * 60 * 1000;

/** Codes after which connecting again cannot help: someone has to act. */
const FINAL: ReadonlyMap<number, string> = new Map([
  [DisconnectReason.connectionReplaced, 'another session of this number took over (is the bot running twice?)'],
  [DisconnectReason.forbidden, 'WhatsApp refused this number (banned or restricted)'],
  [DisconnectReason.multideviceMismatch, 'WhatsApp asks for the number to be linked again'],
]);

function statusCode(error: unknown): number | undefined {
  return (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
}

function printLinkText(text: string): void {
  process.stdout.write(`${text}\n`);
}

/**
 * The WhatsApp channel: a Baileys socket over the session kept in the database, linked by QR or pairing
 * code, reconnected with backoff when the connection drops, stopped for good when WhatsApp logs the
 * number out. Only `src/main.ts` creates it; the rest of the server runs whatever happens here.
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): WhatsAppChannel {
  const { log } = deps;
  const makeSocket = deps.makeSocket ?? ((config: UserFacingSocketConfig) => makeWASocket(config));
  const show = deps.show ?? printLinkText;
  const seal = createSeal(deps.authKey);
  const adapter = createWhatsAppAdapter({
    core: deps.core,
    store: deps.store,
    inbox: deps.inbox,
    clock: deps.clock,
    seal,
    log,
    inboxOptions: deps.inboxOptions,
  });
  // Baileys logs wire details at info and below; only its warnings belong in ours.
  const baileysLog = log.child({ module: 'baileys' }, { level: log.isLevelEnabled('warn') ? 'warn' : log.level });

  let state = 'starting';
  let socket: ChannelSocket | null = null;
  /** The socket a pairing code was asked for: WhatsApp sends a new QR every 20 s, one code is enough. */
  let pairingSocket: ChannelSocket | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let attempt = 0;
  let stopped = false;

  function setState(next: string): void {
    if (next !== state) log.info(`channel whatsapp: ${next}`);
    state = next;
  }

  function connect(session: DatabaseAuthState, keys: UserFacingSocketConfig['auth']['keys']): void {
    setState('connecting');
    const sock = makeSocket({
      auth: { creds: session.state.creds, keys },
      logger: baileysLog,
      browser: Browsers.ubuntu('Chrome'),
      markOnlineOnConnect: false,
      // Old chat history is not the bot's business, but Baileys' default partial sync is kept: it carries
      // the LID ↔ phone-number mappings that name people by their number (turning it off is unstable).
      syncFullHistory: false,
      getMessage: (key) => adapter.getMessage(key),
      cachedGroupMetadata: (jid) => adapter.cachedGroupMetadata(jid),
    });
    socket = sock;
    sock.ev.on('creds.update', () => {
      session.saveCreds().catch((error: unknown) => log.error({ err: error }, 'WhatsApp creds not saved'));
    });
    sock.ev.on('connection.update', (update) => onConnection(sock, session, keys, update));
    adapter.attach(sock);
  }

  function onConnection(
    sock: ChannelSocket,
    session: DatabaseAuthState,
    keys: UserFacingSocketConfig['auth']['keys'],
    update: BaileysEventMap['connection.update'],
  ): void {
    if (sock !== socket || stopped) return;
    if (update.qr) {
      if (deps.pairingNumber) {
        if (pairingSocket !== sock) {
          pairingSocket = sock;
          void showPairingCode(sock, deps.pairingNumber);
        }
      } else {
        setState('waiting to be linked: scan the QR code printed in the terminal');
        qrcode.generate(update.qr, { small: true }, (art) =>
          show(`Pindai kode QR ini di WhatsApp: Perangkat tertaut > Tautkan perangkat\n${art}`),
        );
      }
    }
    if (update.connection === 'open') {
      attempt = 0;
      setState('connected');
      const before = new Date(Date.now() - KEEP_SENT_MS);
      deps.store.pruneSent(before).catch((error: unknown) => log.warn({ err: error }, 'old sent messages not pruned'));
    }
    if (update.connection !== 'close') return;

    adapter.detach();
    socket = null;
    const code = statusCode(update.lastDisconnect?.error);
    if (code === DisconnectReason.loggedOut) {
      setState('logged out: the number was unlinked in WhatsApp; restart the server to link it again');
      log.error({ code }, 'WhatsApp logged out; the stored session is cleared and WhatsApp is stopped');
      session.clear().catch((error: unknown) => log.error({ err: error }, 'WhatsApp session not cleared'));
      return;
    }
    const final = code === undefined ? undefined : FINAL.get(code);
    if (final) {
      setState(`off: ${final} (code ${code})`);
      log.error({ code }, `WhatsApp stopped: ${final}`);
      return;
    }
    // After linking WhatsApp asks for a restart (515): connect again at once.
    const delay = code === DisconnectReason.restartRequired ? 0 : backoff(attempt++);
    setState(`reconnecting in ${Math.ceil(delay / 1000)} s (code ${code ?? 'none'})`);
    log.warn({ code, delay }, 'WhatsApp connection closed, reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!stopped) connect(session, keys);
    }, delay);
  }

  function backoff(n: number): number {
    const base = deps.reconnectBaseMs ?? 2_000;
    return Math.min(RECONNECT_MAX_MS, base * 2 ** n) * (0.75 + Math.random() / 2);
  }

  async function showPairingCode(sock: ChannelSocket, number: string): Promise<void> {
    try {
      const code = await sock.requestPairingCode(number);
      setState('waiting to be linked: enter the pairing code printed in the terminal');
      show(`Kode tautan WhatsApp untuk ${number}: ${code}\nWhatsApp: Perangkat tertaut > Tautkan perangkat > Tautkan dengan nomor telepon`);
    } catch (error) {
      log.error({ err: error }, 'WhatsApp pairing code not available');
    }
  }

  return {
    async start() {
      let auth: DatabaseAuthState;
      try {
        auth = await openDatabaseAuthState(deps.store, seal);
      } catch (error) {
        setState(`off: ${(error as Error).message}`);
        log.error({ err: error }, 'WhatsApp session could not be opened');
        return;
      }
      // Signal keys are read for every message; a short in-memory cache spares the database.
      connect(auth, makeCacheableSignalKeyStore(auth.state.keys, baileysLog));
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      await adapter.stop(STOP_GRACE_MS);
      const closing = socket;
      socket = null;
      await closing?.end(undefined);
      state = 'off: stopped';
    },
    status: () => state,
    sender: adapter.sender,
  };
}
