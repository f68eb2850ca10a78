import { PRIVATE_CHAT, privateChatsOf, type ChannelName, type IdentityMerge } from '../core/index.js';
import type { Tx } from './writer.js';

/** Stronger first: when both people hold a role in one WKSBM, the merged person keeps the stronger. */
const ROLE_RANK: Readonly<Record<string, number>> = { ketua: 0, bendahara: 1, sekretaris: 2, anggota: 3 };
const rank = (role: string) => ROLE_RANK[role] ?? ROLE_RANK.anggota!;

/**
 * Makes two identities of one channel name one person, in the caller's transaction. Idempotent: a
 * second call finds both on one person and changes nothing.
 *
 * When both were people already, the older survives (its id is what most rows hold). What a person
 * *has* moves to it: identities, memberships (the stronger role where both had one), RSVPs (the later
 * answer), household, arisan shares, report drafts and reports (so notices reach them), dashboard
 * logins, sessions and pendamping access. What a person *did* stays as written: ledger entries,
 * submissions, case events, draws and attendance records keep their ids (the ledger is append-only),
 * and the absorbed person's `mergedIntoId` says whose they are.
 */
export async function mergeIdentities(tx: Tx, channel: ChannelName, a: string, b: string): Promise<IdentityMerge> {
  const found = await tx.identity.findMany({ where: { channel, externalId: { in: [a, b] } } });
  if (found.length === 0) return 'unknown';
  const people = [...new Set(found.map((identity) => identity.personId))].sort((x, y) => x - y);
  const keep = people[0]!;
  const missing = [a, b].filter((id) => !found.some((identity) => identity.externalId === id));
  if (missing.length) {
    await tx.identity.createMany({ data: missing.map((externalId) => ({ channel, externalId, personId: keep })) });
    await oneConversation(tx, channel, keep);
    return 'linked';
  }
  if (people.length === 1) return 'same';
  const gone = people[1]!;
  await movePerson(tx, gone, keep);
  await oneConversation(tx, channel, keep);
  return 'merged';
}

/**
 * A person has one private conversation per channel, the chat notices go to (`privateChatsOf`): a
 * report begun in another identity's chat continues there (where both chats hold one, the later stays),
 * and what was planned for both chats before they were known to be one person (a notice, a reminder:
 * the same subject) is sent to that chat only. Answers to messages stay in the chats they answer.
 */
async function oneConversation(tx: Tx, channel: ChannelName, personId: number): Promise<void> {
  const identities = await tx.identity.findMany({ where: { personId, channel }, orderBy: { id: 'asc' } });
  const [chat] = privateChatsOf(identities);
  if (!chat) return;
  const chatIds = identities.map((identity) => PRIVATE_CHAT[channel](identity.externalId));
  const others = chatIds.filter((chatId) => chatId !== chat.chatId);

  const [latest, ...older] = await tx.reportDraft.findMany({ where: { channel, chatId: { in: chatIds } }, orderBy: { updatedAt: 'desc' } });
  if (latest) {
    await tx.reportDraft.deleteMany({ where: { channel, chatId: { in: older.map((draft) => draft.chatId) } } });
    if (latest.chatId !== chat.chatId) {
      await tx.reportDraft.update({ where: { channel_chatId: { channel, chatId: latest.chatId } }, data: { chatId: chat.chatId } });
    }
  }

  const planned = await tx.outbox.findMany({ where: { channel, chatId: chat.chatId, status: 'pending' }, select: { subject: true }, distinct: ['subject'] });
  if (planned.length === 0 || others.length === 0) return;
  await tx.outbox.deleteMany({
    where: {
      channel,
      chatId: { in: others },
      status: 'pending',
      subject: { in: planned.map((row) => row.subject) },
      // One being sent right now is out already.
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: new Date() } }],
    },
  });
}

async function movePerson(tx: Tx, from: number, to: number): Promise<void> {
  const repoint = { where: { personId: from }, data: { personId: to } };
  await tx.identity.updateMany(repoint);
  await moveMemberships(tx, from, to);
  await moveRsvps(tx, from, to);
  // One household per person and WKSBM: where both had one, the surviving person's stays.
  const households = await tx.householdMember.findMany({ where: { personId: to }, select: { wksbmId: true } });
  await tx.householdMember.deleteMany({ where: { personId: from, wksbmId: { in: households.map((row) => row.wksbmId) } } });
  await tx.householdMember.updateMany(repoint);
  await tx.arisanShare.updateMany(repoint);
  await tx.reportDraft.updateMany(repoint);
  await tx.case.updateMany({ where: { reporterId: from }, data: { reporterId: to } });
  await tx.dashboardLogin.updateMany(repoint);
  await tx.dashboardSession.updateMany(repoint);
  await tx.pendamping.updateMany(repoint);
  await tx.person.update({ where: { id: from }, data: { mergedIntoId: to } });
  // People merged into `from` earlier now lead to `to` as well: one step from any old id.
  await tx.person.updateMany({ where: { mergedIntoId: from }, data: { mergedIntoId: to } });
}

async function moveMemberships(tx: Tx, from: number, to: number): Promise<void> {
  const theirs = await tx.membership.findMany({ where: { personId: from } });
  for (const membership of theirs) {
    const ours = await tx.membership.findUnique({ where: { wksbmId_personId: { wksbmId: membership.wksbmId, personId: to } } });
    if (!ours) {
      await tx.membership.update({ where: { id: membership.id }, data: { personId: to } });
      continue;
    }
    if (rank(membership.role) < rank(ours.role)) {
      await tx.membership.update({
        where: { id: ours.id },
        data: { role: membership.role, roleSetById: membership.roleSetById, roleSetAt: membership.roleSetAt },
      });
    }
    await tx.membership.delete({ where: { id: membership.id } });
  }
}

async function moveRsvps(tx: Tx, from: number, to: number): Promise<void> {
  const theirs = await tx.meetingRsvp.findMany({ where: { personId: from } });
  for (const rsvp of theirs) {
    const ours = await tx.meetingRsvp.findUnique({ where: { occurrenceId_personId: { occurrenceId: rsvp.occurrenceId, personId: to } } });
    if (ours && ours.updatedAt >= rsvp.updatedAt) {
      await tx.meetingRsvp.delete({ where: { id: rsvp.id } });
      continue;
    }
    if (ours) await tx.meetingRsvp.delete({ where: { id: ours.id } });
    await tx.meetingRsvp.update({ where: { id: rsvp.id }, data: { personId: to } });
  }
}
