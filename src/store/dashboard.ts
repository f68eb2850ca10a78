import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  PENGURUS,
  type DashboardAccess,
  type DashboardStore,
  type Once,
  type PendampingView,
  type RedeemOutcome,
  type RemoveOutcome,
  type Render,
  type Reply,
  type Secret,
} from '../core/index.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { applyOnce, checkRole, inboundRow, parseStoredReplies } from './once.js';
import { toRole, toWksbmInfo } from './rows.js';
import type { SqlReader } from './sql-reader.js';
import type { Tx, Writer } from './writer.js';

/** Only this is stored of a token, a session id or a code: a database leak opens no session. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** 256 random bits, URL-safe: a login token or a session id. */
const newToken = (): string => randomBytes(32).toString('base64url');

/** Letters and digits nobody misreads on a phone (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** An invite code people can read out and type: `K7QM-4XPD` (about 40 random bits, single use, 3 days). */
function newInviteCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** However the code was typed (lower case, without the dash, with spaces). */
const normalizeCode = (typed: string): string => {
  const plain = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
};

/**
 * Like applyOnce, for a change that makes a secret: the answer with the secret goes to this message
 * only; what is stored for a redelivery is the answer without it.
 */
function secretOnce(writer: Writer, once: Once, make: (tx: Tx) => Promise<string>, render: Render<Secret>): Promise<readonly Reply[]> {
  return writer.run(async (tx) => {
    const done = await tx.inboundMessage.findUnique({ where: { key: once.key } });
    if (done) return parseStoredReplies(done.replies);
    await checkRole(tx, once);
    const secret = await make(tx);
    await tx.inboundMessage.create({ data: inboundRow(once, render({ fresh: false })) });
    return render({ fresh: true, secret });
  });
}

interface AccessRow {
  readonly id: number | bigint;
  readonly name: string;
  readonly timeZone: string;
  /** Null for a pendamping. */
  readonly role: string | null;
}

interface SessionRow {
  readonly id: number | bigint;
  readonly name: string;
  readonly expiresAt: string | Date;
  readonly endedAt: string | Date | null;
}

export function createDashboardStore(read: PrismaClient, sql: SqlReader, writer: Writer): DashboardStore {
  async function activePendamping(client: PrismaClient | Tx, wksbmId: number): Promise<PendampingView[]> {
    const rows = await client.pendamping.findMany({ where: { wksbmId, removedAt: null }, orderBy: { id: 'asc' } });
    const people = await client.person.findMany({ where: { id: { in: rows.map((row) => row.personId) } } });
    const byId = new Map(people.map((person) => [person.id, person]));
    return rows.map((row) => ({ person: { id: row.personId, name: byId.get(row.personId)?.name ?? '?' }, since: row.createdAt }));
  }

  return {
    async accessOf(personId) {
      // One statement: every request of the dashboard asks it, so the role it finds is always current.
      const rows = await sql.all<AccessRow>(Prisma.sql`
        SELECT w."id" AS "id", w."name" AS "name", w."timeZone" AS "timeZone", m."role" AS "role"
          FROM "Membership" m JOIN "Wksbm" w ON w."id" = m."wksbmId"
          WHERE m."personId" = ${personId} AND m."role" IN (${Prisma.join([...PENGURUS])})
        UNION ALL
        SELECT w."id", w."name", w."timeZone", NULL
          FROM "Pendamping" p JOIN "Wksbm" w ON w."id" = p."wksbmId"
          WHERE p."personId" = ${personId} AND p."removedAt" IS NULL`);
      const access = new Map<number, DashboardAccess>();
      for (const row of rows) {
        const wksbm = toWksbmInfo({ id: Number(row.id), name: row.name, timeZone: row.timeZone });
        // A pengurus who is also pendamping of the same WKSBM sees it as pengurus.
        if (row.role !== null) access.set(wksbm.id, { wksbm, as: 'pengurus', role: toRole(row.role) });
        else if (!access.has(wksbm.id)) access.set(wksbm.id, { wksbm, as: 'pendamping' });
      }
      return [...access.values()].sort((a, b) => a.wksbm.name.localeCompare(b.wksbm.name, 'id'));
    },

    issueLogin(once, { personId, expiresAt }, render) {
      return secretOnce(
        writer,
        once,
        async (tx) => {
          const token = newToken();
          await tx.dashboardLogin.create({ data: { tokenHash: secretHash(token), personId, expiresAt } });
          return token;
        },
        render,
      );
    },

    useLogin(token, { now, sessionExpiresAt }) {
      return writer.run(async (tx) => {
        const row = await tx.dashboardLogin.findUnique({ where: { tokenHash: secretHash(token) } });
        if (!row) return { ok: false, reason: 'unknown' } as const;
        if (row.usedAt) return { ok: false, reason: 'used' } as const;
        if (row.expiresAt <= now) return { ok: false, reason: 'expired' } as const;
        // Conditional on still being unused: another instance on the same database may race for it.
        const claimed = await tx.dashboardLogin.updateMany({ where: { tokenHash: row.tokenHash, usedAt: null }, data: { usedAt: now } });
        if (claimed.count !== 1) return { ok: false, reason: 'used' } as const;
        const sessionId = newToken();
        await tx.dashboardSession.create({ data: { idHash: secretHash(sessionId), personId: row.personId, expiresAt: sessionExpiresAt } });
        return { ok: true, personId: row.personId, sessionId } as const;
      });
    },

    async sessionPerson(sessionId, now) {
      const [row] = await sql.all<SessionRow>(Prisma.sql`
        SELECT p."id" AS "id", p."name" AS "name", s."expiresAt" AS "expiresAt", s."endedAt" AS "endedAt"
          FROM "DashboardSession" s JOIN "Person" p ON p."id" = s."personId"
          WHERE s."idHash" = ${secretHash(sessionId)}`);
      if (!row || row.endedAt !== null || new Date(row.expiresAt) <= now) return null;
      return { id: Number(row.id), name: row.name };
    },

    async endSession(sessionId, now) {
      await writer.run((tx) => tx.dashboardSession.updateMany({ where: { idHash: secretHash(sessionId), endedAt: null }, data: { endedAt: now } }));
    },

    endSessions(once, { personId, now }, render) {
      return applyOnce(
        writer,
        once,
        async (tx) => {
          const ended = await tx.dashboardSession.updateMany({
            where: { personId, endedAt: null, expiresAt: { gt: now } },
            data: { endedAt: now },
          });
          return ended.count;
        },
        render,
      );
    },

    invitePendamping(once, { wksbmId, expiresAt }, render) {
      return secretOnce(
        writer,
        once,
        async (tx) => {
          const code = newInviteCode();
          await tx.pendampingInvite.create({ data: { codeHash: secretHash(code), wksbmId, createdById: once.personId, expiresAt } });
          return code;
        },
        render,
      );
    },

    redeemInvite(once, { code, personId, now }, render) {
      return applyOnce<RedeemOutcome>(
        writer,
        once,
        async (tx) => {
          const invite = await tx.pendampingInvite.findUnique({ where: { codeHash: secretHash(normalizeCode(code)) } });
          if (!invite || invite.usedAt || invite.expiresAt <= now) return { ok: false, reason: 'invalid' };
          const wksbm = toWksbmInfo(await tx.wksbm.findUniqueOrThrow({ where: { id: invite.wksbmId } }));
          const already = await tx.pendamping.findFirst({ where: { wksbmId: invite.wksbmId, personId, removedAt: null } });
          if (already) return { ok: false, reason: 'already', wksbm };
          await tx.pendampingInvite.update({ where: { codeHash: invite.codeHash }, data: { usedAt: now, usedById: personId } });
          await tx.pendamping.create({ data: { wksbmId: invite.wksbmId, personId, invitedById: invite.createdById } });
          return { ok: true, wksbm };
        },
        render,
      );
    },

    pendampingOf: (wksbmId) => activePendamping(read, wksbmId),

    removePendamping(once, { wksbmId, name, now }, render) {
      return applyOnce<RemoveOutcome>(
        writer,
        once,
        async (tx) => {
          const current = await activePendamping(tx, wksbmId);
          const wanted = name.replace(/^@/, '').trim().toLowerCase();
          const found = current.filter((p) => p.person.name.toLowerCase() === wanted);
          if (found.length === 0) return { ok: false, reason: 'not-found', current };
          await tx.pendamping.updateMany({
            where: { wksbmId, personId: { in: found.map((p) => p.person.id) }, removedAt: null },
            data: { removedAt: now, removedById: once.personId },
          });
          return { ok: true, person: found[0]!.person };
        },
        render,
      );
    },
  };
}
