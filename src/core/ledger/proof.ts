import { refuse, type CommandContext, type GroupCommand } from '../shared/command.js';
import { inboundKey, PRIVATE_CHAT, type Reply } from '../shared/message.js';
import { effectiveRole, PENGURUS, TREASURY } from '../shared/roles.js';
import { readNumberAndReason } from '../shared/words.js';
import type { ProofTarget } from './ports.js';
import { proofImageType } from './image-type.js';
import { ledgerText } from './text.js';

/** Commands whose message, sent with a photo as its caption, makes that photo the entry's proof. */
export const PROOF_COMMANDS: ReadonlySet<string> = new Set(['setor', 'keluar']);

/** Telegram's own limit for a photo a bot may download is 20 MB; a nota photo is far below 10 MB. */
const MAX_PROOF_MB = 10;

/**
 * Keeps the photo of this message as the proof of `target`. The image is fetched from the platform
 * only now, when it is kept; a failed fetch throws, so the inbox handles the message again later.
 */
async function keep(ctx: CommandContext, target: ProofTarget, onceKey: string): Promise<readonly Reply[]> {
  const load = ctx.inbound.photo?.load;
  if (!load) return refuse(ledgerText.proofUnavailable());
  // A message handled again (a redelivery, a retry after a crash) whose photo is already kept gets its
  // answer without the photo being fetched again.
  const once = { ...ctx.once, key: onceKey };
  const earlier = await ctx.deps.cases.earlierAnswer(once);
  if (earlier) return earlier;
  const photo = await load();
  // A refusal is stored like a kept photo's answer: the same message again would bring the same file.
  if (photo.bytes.length > MAX_PROOF_MB * 1024 * 1024) return ctx.deps.proofs.remember(once, refuse(ledgerText.proofTooBig(MAX_PROOF_MB)));
  // The type the bytes say, not the one the platform labelled them with.
  const mimeType = proofImageType(photo.bytes);
  if (!mimeType) return ctx.deps.proofs.remember(once, refuse(ledgerText.proofNotImage()));
  const sourceKey = inboundKey(ctx.inbound);
  return ctx.deps.proofs.attach(once, { target, sourceKey, photo: { bytes: photo.bytes, mimeType } }, ({ count }) => [
    { text: ledgerText.proofKept(target.number, count) },
  ]);
}

/**
 * A /setor or /keluar with a photo (the command is its caption): once the command recorded its entry,
 * the photo is that entry's proof. A refused command recorded nothing, and the photo is not kept.
 */
export async function proofOfCommand(ctx: CommandContext): Promise<readonly Reply[]> {
  const target = await ctx.deps.proofs.targetOf(ctx.once.key);
  // The command's own answer is stored under the message's key; the proof's under one of its own.
  return target ? keep(ctx, target, `${ctx.once.key}#bukti`) : [];
}

/**
 * A photo answering a /setor or /keluar message is its proof, when the sender recorded it or is its
 * WKSBM's ketua or bendahara. Null when the answered message recorded nothing: then the photo is just
 * a photo, and the chat goes on as if the bot had not seen it.
 */
export async function proofByReply(ctx: CommandContext): Promise<readonly Reply[] | null> {
  const { chat, replyTo } = ctx.inbound;
  if (!ctx.inbound.photo || replyTo === undefined) return null;
  const target = (await ctx.deps.proofs.targetOf(`${chat.channel}:${chat.id}:${replyTo.messageId}`)) ?? (await announced(ctx, replyTo.botText));
  if (!target) return null;
  if (target.recordedById !== ctx.person.id) {
    const role = effectiveRole(await ctx.deps.community.roleOf(target.wksbmId, ctx.person.id), ctx.inbound.sender.isChatAdmin);
    if (!TREASURY.includes(role)) return refuse(ledgerText.proofNotAllowed(target.number));
  }
  return keep(ctx, target, ctx.once.key);
}

/** How the bot announces a setor or keluar it recorded: `✅ #12 Setoran …`, `⏳ #13 Setoran …`. */
const ANNOUNCED = /^(?:✅|⏳) #(\d{1,9}) (?:Setoran|Pengeluaran) /;

/**
 * A photo answering the bot's own "✅ #12 Setoran…" in a linked group: where the platform delivers a bot
 * only commands and answers to its own messages (Telegram's privacy mode), that is the reply it sees.
 */
async function announced(ctx: CommandContext, botText: string | undefined): Promise<ProofTarget | null> {
  const number = botText === undefined ? undefined : ANNOUNCED.exec(botText)?.[1];
  if (number === undefined || ctx.inbound.chat.kind !== 'group') return null;
  const wksbm = await ctx.deps.community.wksbmOfChat(ctx.inbound.chat);
  return wksbm ? ctx.deps.proofs.targetByNumber(wksbm.id, Number(number)) : null;
}

/** `/bukti 12`: a pengurus gets entry #12's proof photos in their private chat, never in the group. */
export const buktiCommand: GroupCommand = {
  name: 'bukti',
  aliases: ['nota', 'proof'],
  where: 'wksbm',
  roles: PENGURUS,
  usage: '/bukti <no>',
  example: '/bukti 12',
  summary: 'foto bukti/nota sebuah catatan, dikirim ke chat pribadi pengurus',
  async run(ctx, args) {
    const { number } = readNumberAndReason(args);
    if (number === null) return refuse(ledgerText.numberMissing(this.usage, this.example));
    const { channel } = ctx.inbound.chat;
    const to = { channel, chatId: PRIVATE_CHAT[channel](ctx.inbound.sender.id) };
    return ctx.deps.proofs.send(ctx.once, { wksbmId: ctx.wksbm.id, number, to, at: ctx.deps.clock.now() }, ({ count }) =>
      count === 0 ? refuse(ledgerText.proofsNone(number)) : [{ text: ledgerText.proofsSent(number, count) }],
    );
  },
};
