/**
 * `npm run console -- --chat rt05 --user "Bu Sri"`: talk to the bot from a terminal. Reads one message a
 * line from standard input, prints only the replies on standard output (logs go to standard error),
 * and exits 0 at the end of input.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { openRuntime } from '../../app-context.js';
import { createConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { DISPATCHER_DEFAULTS, startScheduler } from '../../scheduler/index.js';
import { createConsoleChat } from './console-chat.js';
import { createConsoleSender } from './console-sender.js';
import { sharedText } from '../../core/index.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const USAGE = 'Pemakaian: npm run console -- [--chat <nama grup>] --user "<nama>" [--user "<nama lain>"]';

let args;
try {
  args = parseArgs({
    options: { chat: { type: 'string' }, user: { type: 'string', multiple: true }, help: { type: 'boolean' } },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help || !args.user?.length) {
  console.error(USAGE);
  process.exit(args.help ? 0 : 2);
}

let config;
try {
  config = createConfig({ LOG_LEVEL: 'warn', ...process.env });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const log = createLogger(config.logLevel, pino.destination(2));
const runtime = await openRuntime(config.databaseUrl, log, { publicUrl: config.publicUrl });
const chat = createConsoleChat(runtime.core, { chat: args.chat, users: args.user });
// A terminal is a chat only while it is open: this process delivers its own chat's due messages
// (reminders, the LPJ's files; the server has no way to reach it). Reminders due while no console was
// open wait in the outbox until one is, and are dropped once their meeting has started.
const chatId = chat.chatId;
const scheduler = startScheduler(runtime.stores, [createConsoleSender((text) => process.stdout.write(text), config.reportDir)], {
  clock: runtime.clock,
  log,
  chatId,
});

const interactive = process.stdin.isTTY;
const lines = createInterface({ input: process.stdin, output: interactive ? process.stderr : undefined, terminal: interactive });
if (interactive) {
  process.stderr.write(`${args.chat ? `Grup ${args.chat}` : 'Chat pribadi'} sebagai ${args.user[0]}. Ketik /bantuan; Ctrl-D untuk keluar.\n`);
  lines.setPrompt('> ');
  lines.prompt();
}
let failed = false;
for await (const line of lines) {
  if (line.trim()) {
    try {
      for (const text of await chat.send(line)) process.stdout.write(`${text}\n`);
    } catch (error) {
      failed = true;
      log.error({ err: error }, 'message failed');
      process.stdout.write(`${sharedText.serverError()}\n`);
    }
  }
  if (interactive) lines.prompt();
}
// What the last messages asked for (the LPJ's files) is delivered before the terminal closes.
const deadline = Date.now() + 120_000;
for (;;) {
  const now = runtime.clock.now().getTime();
  // Asked as of a lease from now, so a message the scheduler has claimed and is still sending counts too.
  const next = await runtime.stores.outbox.nextDue(['console'], new Date(now + DISPATCHER_DEFAULTS.leaseMs), chatId);
  if (!next || next.getTime() > now + 1_000 || Date.now() > deadline) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await scheduler.stop();
await runtime.close();
process.exit(failed ? 1 : 0);
