import type {
  AddFundOutcome,
  CaseStore,
  ChannelName,
  ChatKey,
  CommunityStore,
  FundInfo,
  MemberInfo,
  PersonInfo,
  Role,
  RoleOutcome,
  StartOutcome,
  WksbmInfo,
} from '../core/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createCache } from './cache.js';
import { mergeIdentities } from './identity-merge.js';
import { applyOnce } from './once.js';
import { fundWithAliases, toFundInfo, toRole, toWksbmInfo } from './rows.js';
import type { Tx, Writer } from './writer.js';

const TTL_MS = 15_000;


/** The community port, and a way for another store to say a WKSBM's row changed (its time zone). */
export interface CommunityStoreWithCache extends CommunityStore {
  wksbmChanged(wksbmId: number): void;
  /** Another store added a fund (an arisan's own): the cached fund list is read again. */
  fundsChanged(wksbmId: number): void;
}

export function createCommunityStore(read: PrismaClient, writer: Writer): CommunityStoreWithCache {
  // A chat's link never changes once made (a move forgets it), so it is kept for good.
  const chats = new Map<string, WksbmInfo>();
  // An identity's person changes when two are merged, maybe by another instance (a second server, the
  // console): a short lifetime bounds how long this one acts for the absorbed person.
  const people = createCache<PersonInfo>(TTL_MS);
  const roles = createCache<Role>(TTL_MS);
  const funds = createCache<readonly FundInfo[]>(TTL_MS);
  const members = createCache<readonly MemberInfo[]>(TTL_MS);

  const forgetWksbm = (wksbmId: number) => {
    funds.delete(String(wksbmId));
    members.delete(String(wksbmId));
  };

  async function taken(tx: Tx, wksbmId: number, words: readonly string[]): Promise<string | undefined> {
    const fundRow = await tx.fund.findFirst({ where: { wksbmId, name: { in: [...words] } }, select: { name: true } });
    if (fundRow) return fundRow.name;
    return (await tx.fundAlias.findFirst({ where: { wksbmId, alias: { in: [...words] } }, select: { alias: true } }))?.alias;
  }

  async function createFund(tx: Tx, wksbmId: number, createdById: number, fund: { name: string; unit: string; aliases: readonly string[] }) {
    const row = await tx.fund.create({
      data: {
        wksbmId,
        name: fund.name,
        unit: fund.unit,
        createdById,
        aliases: { create: fund.aliases.map((alias) => ({ wksbmId, alias })) },
      },
      include: fundWithAliases,
    });
    return toFundInfo(row);
  }

  return {
    fundsChanged: forgetWksbm,

    wksbmChanged(wksbmId) {
      for (const [key, info] of chats) if (info.id === wksbmId) chats.delete(key);
    },

    async moveChat(channel, from, to) {
      await writer.run(async (tx) => {
        // Only when the new id is not linked already: a migration seen twice (both chats announce it) moves once.
        if (!(await tx.chat.findUnique({ where: { channel_externalId: { channel, externalId: to } } }))) {
          await tx.chat.updateMany({ where: { channel, externalId: from }, data: { externalId: to } });
        }
        if (!(await tx.pengurusChat.findUnique({ where: { channel_externalId: { channel, externalId: to } } }))) {
          await tx.pengurusChat.updateMany({ where: { channel, externalId: from }, data: { externalId: to } });
        }
        // Reminders planned for the old id go to the new one.
        await tx.outbox.updateMany({ where: { channel, chatId: from, status: 'pending' }, data: { chatId: to } });
      });
      chats.delete(`${channel}:${from}`);
    },

    async wksbmOfChat(chat: ChatKey) {
      const key = `${chat.channel}:${chat.id}`;
      const cached = chats.get(key);
      if (cached) return cached;
      const row = await read.chat.findUnique({
        where: { channel_externalId: { channel: chat.channel, externalId: chat.id } },
        include: { wksbm: true },
      });
      if (!row) return null;
      const info = toWksbmInfo(row.wksbm);
      chats.set(key, info);
      return info;
    },

    async mergeIdentities(channel, a, b) {
      const outcome = await writer.run((tx) => mergeIdentities(tx, channel, a, b));
      if (outcome === 'merged') {
        // Cached identities, roles and member lists may name the absorbed person.
        people.clear();
        roles.clear();
        members.clear();
      } else if (outcome === 'linked') {
        people.delete(`${channel}:${a}`);
        people.delete(`${channel}:${b}`);
      }
      return outcome;
    },

    async personOf(channel: ChannelName, externalId: string, name: string) {
      const key = `${channel}:${externalId}`;
      const cached = people.get(key);
      if (cached) return cached;
      const where = { channel_externalId: { channel, externalId } };
      const found = await read.identity.findUnique({ where, include: { person: true } });
      const person =
        found?.person ??
        (await writer.run(async (tx) => {
          const again = await tx.identity.findUnique({ where, include: { person: true } });
          if (again) return again.person;
          return tx.person.create({ data: { name: name.trim().slice(0, 100) || externalId, identities: { create: { channel, externalId } } } });
        }));
      const info = { id: person.id, name: person.name };
      people.set(key, info);
      return info;
    },

    async roleOf(wksbmId, personId) {
      const key = `${wksbmId}:${personId}`;
      const cached = roles.get(key);
      if (cached) return cached;
      const where = { wksbmId_personId: { wksbmId, personId } };
      const found = await read.membership.findUnique({ where, select: { role: true } });
      const row =
        found ??
        (await writer.run((tx) =>
          tx.membership.upsert({
            where,
            create: { wksbmId, personId, role: 'anggota', roleSetById: personId },
            update: {},
            select: { role: true },
          }),
        ));
      if (!found) members.delete(String(wksbmId));
      const role = toRole(row.role);
      roles.set(key, role);
      return role;
    },

    forgetRole(wksbmId, personId) {
      roles.delete(`${wksbmId}:${personId}`);
    },

    async members(wksbmId) {
      const cached = members.get(String(wksbmId));
      if (cached) return cached;
      const rows = await read.membership.findMany({ where: { wksbmId }, include: { person: true }, orderBy: { id: 'asc' } });
      const list = rows.map((row) => ({ person: { id: row.person.id, name: row.person.name }, role: toRole(row.role) }));
      members.set(String(wksbmId), list);
      return list;
    },

    async funds(wksbmId) {
      const cached = funds.get(String(wksbmId));
      if (cached) return cached;
      const rows = await read.fund.findMany({ where: { wksbmId }, include: fundWithAliases, orderBy: { id: 'asc' } });
      const list = rows.map(toFundInfo);
      funds.set(String(wksbmId), list);
      return list;
    },

    async balances(wksbmId) {
      const rows = await read.fund.findMany({ where: { wksbmId }, include: fundWithAliases, orderBy: { id: 'asc' } });
      return rows.map((row) => ({ ...toFundInfo(row), balance: row.balance }));
    },

    startWksbm(once, input, render) {
      return applyOnce<StartOutcome>(
        writer,
        once,
        async (tx) => {
          const chatWhere = { channel_externalId: { channel: input.chat.channel, externalId: input.chat.id } };
          const linked = await tx.chat.findUnique({ where: chatWhere, include: { wksbm: true } });
          if (linked) return { ok: false, reason: 'already-linked', wksbm: toWksbmInfo(linked.wksbm) };
          const wksbm = await tx.wksbm.create({
            data: {
              name: input.name,
              createdById: once.personId,
              chats: {
                create: {
                  channel: input.chat.channel,
                  externalId: input.chat.id,
                  title: input.chat.title ?? null,
                  linkedById: once.personId,
                },
              },
              memberships: { create: { personId: once.personId, role: 'ketua', roleSetById: once.personId } },
            },
          });
          const created: FundInfo[] = [];
          for (const fund of input.funds) created.push(await createFund(tx, wksbm.id, once.personId, fund));
          roles.delete(`${wksbm.id}:${once.personId}`);
          return { ok: true, wksbm: toWksbmInfo(wksbm), funds: created };
        },
        render,
      );
    },

    setRole(once, input, render) {
      return applyOnce<RoleOutcome>(
        writer,
        once,
        async (tx) => {
          const where = { wksbmId_personId: { wksbmId: input.wksbmId, personId: input.personId } };
          const current = await tx.membership.findUniqueOrThrow({ where, select: { role: true } });
          const previous = toRole(current.role);
          if (previous === input.role) return { ok: true, previous };
          if (previous === 'ketua') {
            const ketua = await tx.membership.count({ where: { wksbmId: input.wksbmId, role: 'ketua' } });
            if (ketua <= 1) return { ok: false, reason: 'last-ketua' };
          }
          await tx.membership.update({ where, data: { role: input.role, roleSetById: once.personId, roleSetAt: new Date() } });
          roles.delete(`${input.wksbmId}:${input.personId}`);
          members.delete(String(input.wksbmId));
          return { ok: true, previous };
        },
        render,
      );
    },

    addFund(once, input, render) {
      return applyOnce<AddFundOutcome>(
        writer,
        once,
        async (tx) => {
          const clash = await taken(tx, input.wksbmId, [input.fund.name, ...input.fund.aliases]);
          if (clash) return { ok: false, reason: 'taken', word: clash };
          const fund = await createFund(tx, input.wksbmId, once.personId, input.fund);
          forgetWksbm(input.wksbmId);
          return { ok: true, fund };
        },
        render,
      );
    },
  };
}

/** What the report capability reads of the community: a person's memberships and a WKSBM by id. */
export type MembershipReads = Pick<CaseStore, 'membershipsOf' | 'wksbm'>;

export function createMembershipReads(read: PrismaClient): MembershipReads {
  return {
    async membershipsOf(personId) {
      const rows = await read.membership.findMany({ where: { personId }, include: { wksbm: true }, orderBy: { id: 'asc' } });
      return rows.map((row) => ({ wksbm: toWksbmInfo(row.wksbm), role: toRole(row.role) }));
    },

    async wksbm(id) {
      const row = await read.wksbm.findUnique({ where: { id } });
      return row ? toWksbmInfo(row) : null;
    },
  };
}
