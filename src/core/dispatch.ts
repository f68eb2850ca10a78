import type { Command, CommandContext, CoreDeps } from './shared/command.js';
import type { IdentityMerge } from './shared/ports.js';
import { refuse } from './shared/command.js';
import { COMMANDS } from './commands.js';
import { continueReport } from './cases/report-conversation.js';
import { PROOF_COMMANDS, proofByReply, proofOfCommand } from './ledger/proof.js';
import type { WksbmInfo } from './shared/ports.js';
import { inboundKey, type ChannelName, type Inbound, type Reply } from './shared/message.js';
import { charCount, MAX_COMMAND_LENGTH } from './shared/bounds.js';
import { parseCommandText, type CommandText } from './shared/words.js';
import { effectiveRole } from './shared/roles.js';
import { sharedText } from './shared/text.js';
import { RoleChanged } from './errors.js';

export interface Core {
  /** Decides what one inbound message means and answers it; a redelivered message changes nothing. */
  handle(message: Inbound): Promise<readonly Reply[]>;
  /** A chat got a new id on its platform (a Telegram group became a supergroup): it keeps its WKSBM. */
  chatMoved(channel: ChannelName, from: string, to: string): Promise<void>;
  /**
   * A channel learnt that two of its user ids are one person (WhatsApp: a LID and a phone number):
   * from now on they are one person, with what either had. Idempotent.
   */
  sameIdentity(channel: ChannelName, a: string, b: string): Promise<IdentityMerge>;
  /**
   * How the core will read a message's text, for a channel deciding before `handle` whether to look up
   * the sender's admin status. `botUsername` is the bot's own name where commands can name one.
   */
  read(text: string, botUsername?: string): MessageReading;
  readonly commands: readonly Command[];
}

/** One reading of a message, the same in the core and in every channel. */
export interface MessageReading {
  /** The command, when the message is one for this bot; null for chat and for another bot's command. */
  readonly command: CommandText | null;
  /** `/setor@other_bot`: a command for another bot, which this bot ignores entirely. */
  readonly forOtherBot: boolean;
  /** The answer depends on whether the sender is an admin of the group (`isChatAdmin` must be known). */
  readonly needsChatAdmin: boolean;
}

export function createCore(deps: CoreDeps): Core {
  const byWord = new Map<string, Command>();
  for (const command of COMMANDS) {
    for (const word of [command.name, ...command.aliases]) byWord.set(word, command);
  }

  function read(text: string, botUsername?: string): MessageReading {
    const typed = parseCommandText(text);
    if (typed?.addressee && botUsername && typed.addressee !== botUsername.toLowerCase()) {
      return { command: null, forOtherBot: true, needsChatAdmin: false };
    }
    const command = typed ? byWord.get(typed.name) : undefined;
    const needsChatAdmin = command !== undefined && (command.where === 'wksbm' || command.asksChatAdmin === true);
    return { command: typed, forOtherBot: false, needsChatAdmin };
  }

  async function handle(message: Inbound): Promise<readonly Reply[]> {
    try {
      return await decide(message);
    } catch (error) {
      if (!(error instanceof RoleChanged)) throw error;
      // The cached role was stale: decided again with the one the database holds now (once is enough,
      // the second decision reads it uncached).
      return decide(message);
    }
  }

  async function decide(message: Inbound): Promise<readonly Reply[]> {
    const { chat, sender } = message;
    const reading = read(message.text, message.botUsername);
    if (reading.forOtherBot) return [];
    const typed = reading.command;
    // No command works on an unbounded text: a 200.000-character note is refused before anything is read.
    if (typed && message.text.length > MAX_COMMAND_LENGTH && charCount(message.text) > MAX_COMMAND_LENGTH) {
      return refuse(sharedText.messageTooLong(charCount(message.text), MAX_COMMAND_LENGTH));
    }
    const wksbm = chat.kind === 'group' ? await deps.community.wksbmOfChat(chat) : null;
    const person = await deps.community.personOf(chat.channel, sender.id, sender.name);

    const ctx: CommandContext = { inbound: message, once: { key: inboundKey(message), personId: person.id }, person, deps };
    // Handled before up to its commit: the answer it got then, not a new decision that could say
    // "coba lagi" (or "not allowed") about a change that is already made.
    const earlier = message.redelivered ? await deps.cases.earlierAnswer(ctx.once) : null;
    if (earlier) {
      // A /setor with a photo cut short between its entry and its proof keeps the photo all the same.
      const proofCommand = typed !== null && PROOF_COMMANDS.has(byWord.get(typed.name)?.name ?? '');
      return message.photo && proofCommand ? [...earlier, ...(await proofOfCommand(ctx))] : earlier;
    }
    if (!typed) {
      // A photo answering a /setor or /keluar is its proof; any other photo is just part of the chat.
      const proof = await proofByReply(ctx);
      if (proof) return proof;
      // In a private chat, a message that is not a command answers the report being written, if any.
      if (chat.kind === 'private') return (await continueReport(ctx)) ?? [];
      // Writing in a linked group is what makes someone an anggota.
      if (wksbm) await deps.community.roleOf(wksbm.id, person.id);
      return [];
    }
    const command = byWord.get(typed.name);
    if (!command) return refuse(sharedText.notACommand(typed.name));
    const replies = await runCommand(ctx, command, typed.args, wksbm);
    // A /setor or /keluar sent as a photo's caption: the photo is the proof of what it recorded.
    return message.photo && PROOF_COMMANDS.has(command.name) ? [...replies, ...(await proofOfCommand(ctx))] : replies;
  }

  async function runCommand(ctx: CommandContext, command: Command, args: string, wksbm: WksbmInfo | null): Promise<readonly Reply[]> {
    const { chat, sender } = ctx.inbound;
    if (command.where === 'any') return command.run(ctx, args);
    if (chat.kind === 'private') return command.inPrivate ? command.inPrivate(ctx, args) : refuse(sharedText.needsGroup(command.name));
    if (!wksbm) return refuse(sharedText.notLinked(command.name));
    const recorded = await deps.community.roleOf(wksbm.id, ctx.person.id);
    // A pengurus's rights hang on their admin status: when the platform cannot tell it just now, what
    // they ask waits rather than running with too many rights or too few. An anggota's do not.
    if (sender.isChatAdmin === null && recorded !== 'anggota') return refuse(sharedText.adminStatusUnknown());
    const role = effectiveRole(recorded, sender.isChatAdmin);
    if (!command.roles.includes(role)) {
      return refuse(sharedText.notAllowed(command.name, command.roles, role, recorded !== role ? recorded : null));
    }
    const once = { ...ctx.once, role: { wksbmId: wksbm.id, recorded } };
    try {
      return await command.run({ ...ctx, once, wksbm, role }, args);
    } catch (error) {
      if (error instanceof RoleChanged) deps.community.forgetRole(wksbm.id, ctx.person.id);
      throw error;
    }
  }

  return {
    handle,
    read,
    chatMoved: (channel, from, to) => deps.community.moveChat(channel, from, to),
    sameIdentity: (channel, a, b) => deps.community.mergeIdentities(channel, a, b),
    commands: COMMANDS,
  };
}
