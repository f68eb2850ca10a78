import type { PersonInfo } from './ports.js';
import type { CommandContext } from './command.js';

/** The tokens of the people tagged in this message, to be matched like names. */
export const mentionTokens = (ctx: CommandContext): readonly string[] =>
  (ctx.inbound.mentions ?? []).map((mention) => mention.token);

/**
 * The person a typed word names when it is a tag the channel resolved (`@628123456789`), created on
 * first sight like a sender; null when the word is not a tag.
 */
export async function taggedPerson(ctx: CommandContext, word: string): Promise<PersonInfo | null> {
  const wanted = word.trim().toLowerCase();
  const mention = ctx.inbound.mentions?.find((candidate) => candidate.token.toLowerCase() === wanted);
  if (!mention) return null;
  return ctx.deps.community.personOf(ctx.inbound.chat.channel, mention.id, mention.name);
}
