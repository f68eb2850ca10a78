import { Prisma, type PrismaClient } from '../../src/generated/prisma/client.js';

/**
 * A year of one WKSBM written straight into the database, as the bot would have left it: setoran from
 * members and donors with notes, pengeluaran (some for cases of people in need), corrections of both,
 * a goods fund in grams, contributions still waiting or refused, meetings with attendance. Balances and
 * numbers are kept exactly as the ledger keeps them. Deterministic for a seed.
 */
export interface YearOptions {
  readonly year: number;
  readonly entries: number;
  readonly seed?: number;
  /** The name of the person helped in every case: a canary the group version must never print. */
  readonly canary?: string;
}

export interface GeneratedYear {
  readonly wksbmId: number;
  readonly fundIds: readonly number[];
  readonly canary: string;
}

const SOURCES = ['Jimpitan malam', 'Iuran bulanan', 'Donasi perantau', 'Bantuan pemerintah desa', null];
const PURPOSES = ['Konsumsi rapat', 'Alat tulis', 'Perbaikan pos ronda', 'Santunan duka', null];

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export async function generateYear(db: PrismaClient, options: YearOptions): Promise<GeneratedYear> {
  const next = random(options.seed ?? 42);
  const canary = options.canary ?? 'Kartosuwiryo Canarius';
  const start = Date.UTC(options.year, 0, 1) - 7 * 3_600_000; // 1 January 00:00 WIB
  const span = Date.UTC(options.year + 1, 0, 1) - Date.UTC(options.year, 0, 1);

  const ketua = await db.person.create({ data: { name: 'Bu Sri Lestari' } });
  const members = await Promise.all(['Pak Budi', 'Bu Ani', 'Mas Joko', 'Mbak Rina'].map((name) => db.person.create({ data: { name } })));
  const wksbm = await db.wksbm.create({ data: { name: 'WKSBM Sukamaju RW 05', createdById: ketua.id } });
  await db.chat.create({ data: { channel: 'console', externalId: `rt-${wksbm.id}`, wksbmId: wksbm.id, linkedById: ketua.id } });
  await db.membership.create({ data: { wksbmId: wksbm.id, personId: ketua.id, role: 'ketua', roleSetById: ketua.id } });
  for (const member of members) {
    await db.membership.create({ data: { wksbmId: wksbm.id, personId: member.id, role: 'anggota', roleSetById: ketua.id } });
  }
  const funds = await Promise.all(
    (
      [
        ['kas', 'IDR'],
        ['jimpitan', 'IDR'],
        ['kematian', 'IDR'],
        ['beras', 'kg'],
      ] as const
    ).map(([name, unit]) => db.fund.create({ data: { wksbmId: wksbm.id, name, unit, createdById: ketua.id } })),
  );
  const categories = ['lanjut-usia-terlantar', 'penyandang-disabilitas', 'fakir-miskin'];
  const cases = await Promise.all(
    categories.map((category, index) =>
      db.case.create({
        data: {
          wksbmId: wksbm.id,
          category,
          subject: `Mbah ${canary} ${index + 1}`,
          location: 'RT 03',
          description: `Tinggal sendiri, ${canary}`,
          urgency: 'segera',
          anonymous: false,
          reporterId: members[0]!.id,
        },
      }),
    ),
  );

  const balance = new Map(funds.map((fund) => [fund.id, 0n]));
  let number = 1;
  const times = Array.from({ length: options.entries }, () => start + Math.floor(next() * span)).sort((a, b) => a - b);
  /** Per fund, the entries that may still be corrected, the latest last. */
  const correctable = new Map<number, { id: number; amount: bigint }[]>(funds.map((fund) => [fund.id, []]));
  const entries: Prisma.LedgerEntryCreateManyInput[] = [];
  const disbursements: { caseId: number; entryId: number }[] = [];
  const submissions: Prisma.SubmissionCreateManyInput[] = [];
  let id = (await db.ledgerEntry.aggregate({ _max: { id: true } }))._max.id ?? 0;

  for (const time of times) {
    const fund = funds[Math.floor(next() * funds.length)]!;
    const goods = fund.unit !== 'IDR';
    const roll = next();
    const createdAt = new Date(time);
    if (roll < 0.03) {
      // A contribution that is not money: waiting or refused.
      submissions.push({
        wksbmId: wksbm.id,
        number: number++,
        fundId: fund.id,
        amount: BigInt(1 + Math.floor(next() * 50)) * (goods ? 500n : 100_000n),
        contributorName: 'Pak Budi',
        contributorId: members[0]!.id,
        submittedById: members[0]!.id,
        status: next() < 0.5 ? 'menunggu' : 'ditolak',
        reason: null,
        createdAt,
      });
      continue;
    }
    const current = balance.get(fund.id)!;
    const reversible = roll < 0.06 ? correctable.get(fund.id)!.at(-1) : undefined;
    let kind: string;
    let amount: bigint;
    let note: string | null;
    let reversesId: number | null = null;
    if (reversible && current - reversible.amount >= 0n) {
      kind = 'koreksi';
      amount = -reversible.amount;
      note = 'salah catat';
      reversesId = reversible.id;
      correctable.get(fund.id)!.pop();
    } else if (roll < 0.75 || current <= 0n) {
      kind = 'setor';
      amount = BigInt(1 + Math.floor(next() * 40)) * (goods ? 250n : 5_000n);
      note = SOURCES[Math.floor(next() * SOURCES.length)]!;
    } else {
      kind = 'keluar';
      const wanted = BigInt(1 + Math.floor(next() * 30)) * (goods ? 250n : 10_000n);
      amount = -(wanted > current ? current : wanted);
      note = PURPOSES[Math.floor(next() * PURPOSES.length)]!;
    }
    if (amount === 0n) continue;
    id++;
    const after = current + amount;
    balance.set(fund.id, after);
    const contributor = kind === 'setor' && next() < 0.7 ? members[Math.floor(next() * members.length)]! : null;
    const aidCase = kind === 'keluar' && !goods && next() < 0.1 ? cases[Math.floor(next() * cases.length)]! : null;
    if (aidCase) {
      note = `santunan ${aidCase.subject}`;
      disbursements.push({ caseId: aidCase.id, entryId: id });
    }
    entries.push({
      id,
      wksbmId: wksbm.id,
      number: number++,
      fundId: fund.id,
      kind,
      amount,
      balanceAfter: after,
      contributorName: contributor?.name ?? (kind === 'setor' && next() < 0.5 ? 'Donatur hamba Allah' : null),
      contributorId: contributor?.id ?? null,
      recordedById: ketua.id,
      note,
      reversesId,
      createdAt,
    });
    if (kind !== 'koreksi') correctable.get(fund.id)!.push({ id, amount });
  }

  // Multi-row INSERTs: Prisma's createMany takes about a millisecond a row, a year would take minutes.
  for (let index = 0; index < entries.length; index += 500) {
    const rows = entries.slice(index, index + 500).map(
      (entry) =>
        Prisma.sql`(${entry.id}, ${entry.wksbmId}, ${entry.number}, ${entry.fundId}, ${entry.kind}, ${entry.amount}, ${entry.balanceAfter}, ${entry.contributorName}, ${entry.contributorId}, ${entry.recordedById}, ${entry.note}, ${entry.reversesId}, ${entry.createdAt})`,
    );
    await db.$executeRaw`INSERT INTO "LedgerEntry" ("id", "wksbmId", "number", "fundId", "kind", "amount", "balanceAfter", "contributorName", "contributorId", "recordedById", "note", "reversesId", "createdAt") VALUES ${Prisma.join(rows)}`;
  }
  await db.caseDisbursement.createMany({ data: disbursements });
  await db.submission.createMany({ data: submissions });
  for (const fund of funds) await db.fund.update({ where: { id: fund.id }, data: { balance: balance.get(fund.id)! } });
  await db.wksbm.update({ where: { id: wksbm.id }, data: { nextNumber: number } });

  const meeting = await db.meeting.create({ data: { wksbmId: wksbm.id, kind: 'rutin', place: 'Balai RW', createdById: ketua.id } });
  for (let month = 0; month < 12; month++) {
    const startsAt = new Date(Date.UTC(options.year, month, 10, 12));
    const occurrence = await db.meetingOccurrence.create({
      data: {
        meetingId: meeting.id,
        wksbmId: wksbm.id,
        number: month + 1,
        slot: startsAt,
        startsAt,
        place: 'Balai RW',
        status: month === 5 ? 'batal' : 'terjadwal',
        minutes: `Membahas jimpitan bulan ${month + 1}\nLain-lain`,
      },
    });
    for (const member of members.slice(0, 2 + (month % 3))) {
      await db.meetingAttendance.create({ data: { occurrenceId: occurrence.id, personId: member.id, name: member.name, recordedById: ketua.id } });
    }
  }
  return { wksbmId: wksbm.id, fundIds: funds.map((fund) => fund.id), canary };
}
