import type { AccountInfo, HouseholdSummary, IuranBook, IuranInfo, IuranStore, PaidUpRoster } from '../core/index.js';
import { Prisma } from '../generated/prisma/client.js';
import { toTerms } from './iuran.js';
import { toFundInfo } from './rows.js';
import type { SqlReader } from './sql-reader.js';

/**
 * The two readings of /tunggakan as plain prepared statements on the read connection (SQLite) or the
 * `pg` pool (PostgreSQL), beside the Prisma client: in a WKSBM of 500 KK with 3 iuran the client's own
 * work on the 1,500 household × iuran rows was most of the command's time. The SQL only fetches rows
 * (the group reading counts equal ones); whether a household is in arrears is decided in the core.
 */
export function createRosterReads(sql: SqlReader): Pick<IuranStore, 'book' | 'paidUpRoster'> {
  return {
    async book(wksbmId, householdId) {
      const [iurans, showNames, rows] = await Promise.all([
        iuransOf(sql, wksbmId),
        showNamesOf(sql, wksbmId),
        sql.all<{ id: Id; name: string; address: string | null; since: string; leftOn: string | null; iuranId: Id; paid: Amount | null }>(Prisma.sql`
          SELECT h."id", h."name", h."address", h."since", h."leftOn", i."id" AS "iuranId", a."paid"
          ${rosterOf(wksbmId)} ${householdId === undefined ? Prisma.empty : Prisma.sql`AND h."id" = ${householdId}`}
          ORDER BY h."id", i."id"`),
      ]);
      const households: HouseholdSummary[] = [];
      const accounts: AccountInfo[] = [];
      for (const row of rows) {
        const householdId = Number(row.id);
        if (households.at(-1)?.id !== householdId) {
          households.push({ id: householdId, name: row.name, address: row.address, since: row.since, leftOn: row.leftOn });
        }
        if (row.paid !== null) accounts.push({ householdId, iuranId: Number(row.iuranId), paid: BigInt(row.paid) });
      }
      return { households, iurans, accounts, showNames } satisfies IuranBook;
    },

    async paidUpRoster(wksbmId) {
      const [iurans, showNames, rows] = await Promise.all([
        iuransOf(sql, wksbmId),
        showNamesOf(sql, wksbmId),
        sql.all<{ iuranId: Id; since: string; leftOn: string | null; paid: Amount; households: Id }>(Prisma.sql`
          SELECT i."id" AS "iuranId", h."since", h."leftOn", COALESCE(a."paid", 0) AS "paid", count(*) AS "households"
          ${rosterOf(wksbmId)}
          GROUP BY i."id", h."since", h."leftOn", COALESCE(a."paid", 0)`),
      ]);
      const groups = rows.map((row) => ({
        iuranId: Number(row.iuranId),
        since: row.since,
        leftOn: row.leftOn,
        paid: BigInt(row.paid),
        households: Number(row.households),
      }));
      return { iurans, groups, showNames } satisfies PaidUpRoster;
    },
  };
}

/** Integers come back as bigint from SQLite and as number (int4) or bigint (int8) from PostgreSQL. */
type Id = number | bigint;
type Amount = number | bigint;

/**
 * Every household of the WKSBM with every iuran of it, and its account where it has one (a household
 * without one paid nothing): one probe of the account's unique (iuranId, householdId) index per pair.
 */
const rosterOf = (wksbmId: number) => Prisma.sql`
  FROM "Household" h
  JOIN "Iuran" i ON i."wksbmId" = h."wksbmId"
  LEFT JOIN "IuranAccount" a ON a."iuranId" = i."id" AND a."householdId" = h."id"
  WHERE h."wksbmId" = ${wksbmId}`;

async function showNamesOf(sql: SqlReader, wksbmId: number): Promise<boolean> {
  const [row] = await sql.all<{ showNames: boolean | bigint | number }>(Prisma.sql`SELECT "showNames" FROM "IuranSettings" WHERE "wksbmId" = ${wksbmId}`);
  // SQLite keeps a Boolean as 0 or 1.
  return row !== undefined && Number(row.showNames) === 1;
}

/** A WKSBM's iurans with their funds and schedules (rates in the order recorded, which `toTerms` reads). */
async function iuransOf(sql: SqlReader, wksbmId: number): Promise<IuranInfo[]> {
  const [rows, aliases] = await Promise.all([
    sql.all<{ id: Id; wksbmId: Id; fundId: Id; period: string; start: string; reminderDay: Id | null; fundName: string; unit: string; fromPeriod: string; amount: Amount }>(Prisma.sql`
      SELECT i."id", i."wksbmId", i."fundId", i."period", i."start", i."reminderDay", f."name" AS "fundName", f."unit", r."fromPeriod", r."amount"
      FROM "Iuran" i JOIN "Fund" f ON f."id" = i."fundId" JOIN "IuranRate" r ON r."iuranId" = i."id"
      WHERE i."wksbmId" = ${wksbmId}
      ORDER BY i."id", r."id"`),
    sql.all<{ fundId: Id; alias: string }>(Prisma.sql`
      SELECT a."fundId", a."alias" FROM "FundAlias" a JOIN "Iuran" i ON i."fundId" = a."fundId"
      WHERE i."wksbmId" = ${wksbmId}
      ORDER BY a."id"`),
  ]);
  const byId = new Map<number, { row: (typeof rows)[number]; rates: { fromPeriod: string; amount: bigint }[] }>();
  for (const row of rows) {
    const id = Number(row.id);
    const iuran = byId.get(id) ?? { row, rates: [] };
    iuran.rates.push({ fromPeriod: row.fromPeriod, amount: BigInt(row.amount) });
    byId.set(id, iuran);
  }
  return [...byId.values()].map(({ row, rates }) => {
    const id = Number(row.id);
    const fundId = Number(row.fundId);
    const fund = toFundInfo({
      id: fundId,
      name: row.fundName,
      unit: row.unit,
      aliases: aliases.filter((alias) => Number(alias.fundId) === fundId),
    });
    const reminderDay = row.reminderDay === null ? null : Number(row.reminderDay);
    return { id, fund, reminderDay, ...toTerms({ id, wksbmId: Number(row.wksbmId), fundId, period: row.period, start: row.start, reminderDay, rates }) };
  });
}
