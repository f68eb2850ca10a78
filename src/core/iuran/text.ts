/**
 * Every sentence of households and iuran, in Bahasa Indonesia. Names of households appear only in
 * sentences meant for pengurus, for the household itself, or for a group whose ketua turned names on:
 * the callers choose; these functions only word what they are given.
 */
import type { FundInfo } from '../shared/ports.js';
import type { Quantity } from '../shared/quantity.js';
import { formatQuantity } from '../shared/format.js';
import { fundLabel } from '../ledger/text.js';
import type { Standing } from './dues.js';
import type { HouseholdInfo, HouseholdSummary, IuranInfo, PaymentEffect } from './ports.js';
import { periodKey, type PeriodIndex, type PeriodKind } from './period.js';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

const amountOf = (fund: Pick<FundInfo, 'unit'>, value: bigint): string => formatQuantity({ unit: fund.unit, value } as Quantity);

const EVERY: Record<PeriodKind, string> = { harian: 'per hari', mingguan: 'per minggu', bulanan: 'per bulan' };
const THIS: Record<PeriodKind, string> = { harian: 'hari ini', mingguan: 'minggu ini', bulanan: 'bulan ini' };
const UNIT: Record<PeriodKind, string> = { harian: 'hari', mingguan: 'minggu', bulanan: 'bulan' };

/** `November 2026`, `minggu 23/11/2026`, `26/11/2026`. */
export function periodLabel(kind: PeriodKind, period: PeriodIndex): string {
  const [year, month, day] = periodKey(kind, period).split('-').map(Number) as [number, number, number];
  if (kind === 'bulanan') return `${MONTHS[month - 1]} ${year}`;
  const date = `${day}/${month}/${year}`;
  return kind === 'mingguan' ? `minggu ${date}` : date;
}

/** Consecutive periods as ranges: `Oktober 2026–Januari 2027`, `3/11/2026–5/11/2026, 8/11/2026`. */
export function periodList(kind: PeriodKind, periods: readonly PeriodIndex[]): string {
  const ranges: [PeriodIndex, PeriodIndex][] = [];
  for (const period of periods) {
    const last = ranges.at(-1);
    if (last && last[1] === period - 1) last[1] = period;
    else ranges.push([period, period]);
  }
  return ranges
    .map(([from, to]) => (from === to ? periodLabel(kind, from) : `${periodLabel(kind, from)}–${periodLabel(kind, to)}`))
    .join(', ');
}

const count = (kind: PeriodKind, n: number) => `${n} ${UNIT[kind]}`;

const householdLine = (household: Pick<HouseholdSummary, 'name' | 'address'>) =>
  `KK ${household.name}${household.address ? ` (${household.address})` : ''}`;

/** One household's standing on one iuran, for those allowed to see it. */
function standingLine(iuran: IuranInfo, standing: Standing): string {
  if (standing.arrears === 0n) {
    return `${fundLabel(iuran.fund)}: lunas` + (standing.credit > 0n ? `, titipan ${amountOf(iuran.fund, standing.credit)}` : '');
  }
  const periods = standing.owed.map((owed) => owed.period);
  return `${fundLabel(iuran.fund)}: kurang ${amountOf(iuran.fund, standing.arrears)} (${
    periods.length > 3 ? `${count(iuran.kind, periods.length)}, ${periodList(iuran.kind, periods)}` : periodList(iuran.kind, periods)
  })`;
}

export interface ArrearsRow {
  readonly household: HouseholdSummary;
  readonly standing: Standing;
}

export interface IuranCounts {
  readonly iuran: IuranInfo;
  readonly households: number;
  readonly paidUp: number;
}

export const iuranText = {
  // households
  householdUsage: () =>
    'Format:\n/kk — daftar KK\n/kk tambah <nama KK>[, alamat/RT]\n/kk <nama KK> — satu KK\n/kk gabung <nama KK> — Anda anggota KK itu\n' +
    '/kk <nama KK> tambah <nama/@orang>\n/kk <nama KK> pindah — KK keluar dari daftar mulai hari ini\nContoh: /kk tambah Pak Budi, RT 03',
  householdAdded: (household: HouseholdInfo) =>
    `✅ ${householdLine(household)} ditambahkan ke daftar KK, terhitung sejak ${household.since.split('-').reverse().join('/')}. ` +
    `Anggota keluarga bergabung dengan: /kk gabung ${household.name}`,
  sinceInFuture: () => '❌ "sejak" tidak boleh di masa depan. Tidak ada yang dicatat.\nContoh: /kk tambah Pak Budi, RT 03 sejak Januari 2026',
  householdTaken: (household: HouseholdInfo) => `❌ ${householdLine(household)} sudah ada. Tidak ada yang diubah.`,
  householdNameMissing: () => '❌ Nama KK belum ditulis. Tidak ada yang dicatat.\nContoh: /kk tambah Pak Budi, RT 03',
  householdNotFound: (typed: string) =>
    `❌ KK "${typed}" tidak ada di daftar. Tidak ada yang dicatat.\nDaftar KK: /kk · KK baru: /kk tambah <nama KK>`,
  householdWhich: (typed: string, candidates: readonly HouseholdInfo[], near: boolean) =>
    `❓ ${near ? `KK "${typed}" tidak ada persis. Maksud Anda` : `Ada beberapa KK "${typed}". Yang mana`}: ` +
    `${candidates.map(householdLine).join('; ')}? Tidak ada yang dicatat. Tulis nama KK selengkapnya.`,
  households: (list: readonly HouseholdInfo[]) =>
    list.length === 0
      ? 'Belum ada KK. Tambahkan dengan: /kk tambah <nama KK>[, alamat/RT]'
      : `Daftar KK (${list.length}):\n` +
        list.map((h, i) => `${i + 1}. ${householdLine(h)} — ${h.members.length ? h.members.map((m) => m.name).join(', ') : 'belum ada anggota di chat'}`).join('\n'),
  household: (household: HouseholdInfo, standings: readonly { iuran: IuranInfo; standing: Standing }[] | null) =>
    `${householdLine(household)}\nAnggota di chat: ${household.members.length ? household.members.map((m) => m.name).join(', ') : 'belum ada'}` +
    (household.leftOn ? `\nKeluar dari daftar sejak ${household.leftOn.split('-').reverse().join('/')}.` : '') +
    (standings === null
      ? '\nStatus iuran KK hanya ditampilkan di chat pribadi dengan bot.'
      : standings.length
        ? `\n${standings.map(({ iuran, standing }) => standingLine(iuran, standing)).join('\n')}`
        : ''),
  joined: (person: string, household: HouseholdInfo, previous: HouseholdInfo | null) =>
    `✅ ${person} tercatat di ${householdLine(household)}` + (previous ? ` (pindah dari KK ${previous.name}).` : '.'),
  memberUnknown: (typed: string) => `❌ "${typed}" belum dikenal bot. Orangnya perlu menulis sesuatu di grup dulu, atau tandai dengan @.`,
  left: (household: HouseholdInfo) =>
    `✅ ${householdLine(household)} keluar dari daftar. Iurannya dihitung sampai periode yang berjalan; yang sudah dibayar tetap tercatat.`,

  // iuran
  iuranUsage: () =>
    'Format:\n/iuran — daftar iuran\n/iuran tambah <dana> <jumlah> <harian|mingguan|bulanan> [mulai <bulan> [tahun]]\n' +
    '/iuran ubah <dana> <jumlah> [mulai <bulan> [tahun]]\n/iuran hapus <dana>\n/iuran pengingat <dana> tanggal <1-28> | hari <senin…> | mati\n' +
    '/iuran saya — status iuran keluarga Anda (di chat pribadi)\nContoh: /iuran tambah kematian 10rb bulanan',
  iuranList: (iurans: readonly IuranInfo[], current: (iuran: IuranInfo) => PeriodIndex) =>
    iurans.length === 0
      ? 'Belum ada iuran. Contoh: /iuran tambah kematian 10rb bulanan'
      : 'Iuran per KK:\n' +
        iurans
          .map((iuran) => {
            const now = current(iuran);
            const rate = [...iuran.rates].reverse().find((r) => r.from <= now);
            const next = iuran.rates.find((r) => r.from > now);
            const amount = rate && rate.amount > 0n ? `${amountOf(iuran.fund, rate.amount)} ${EVERY[iuran.kind]}` : 'berhenti';
            return (
              `• ${fundLabel(iuran.fund)}: ${amount}` +
              (iuran.start > now ? ` mulai ${periodLabel(iuran.kind, iuran.start)}` : '') +
              (next ? `; mulai ${periodLabel(iuran.kind, next.from)}: ${next.amount > 0n ? amountOf(iuran.fund, next.amount) : 'berhenti'}` : '') +
              (iuran.reminderDay ? `; pengingat ${reminderLabel(iuran)}` : '')
            );
          })
          .join('\n'),
  iuranAdded: (iuran: IuranInfo) =>
    `✅ Iuran ${fundLabel(iuran.fund)} ${amountOf(iuran.fund, iuran.rates[0]!.amount)} ${EVERY[iuran.kind]} per KK, ` +
    `mulai ${periodLabel(iuran.kind, iuran.start)}. Tiap KK membayar sejak periode ini atau sejak ia terdaftar (/kk tambah … sejak <bulan>), ` +
    `mana yang lebih akhir. Pembayaran: /setor <jumlah> ${iuran.fund.name} dari KK <nama>`,
  iuranExists: (iuran: IuranInfo) => `❌ Dana ${fundLabel(iuran.fund)} sudah punya iuran. Ubah jumlahnya dengan: /iuran ubah ${iuran.fund.name} <jumlah>`,
  iuranMissing: (fund: FundInfo) => `❌ Dana ${fundLabel(fund)} belum punya iuran. Tambahkan dengan: /iuran tambah ${fund.name} <jumlah> bulanan`,
  iuranChanged: (iuran: IuranInfo, from: PeriodIndex, amount: bigint) =>
    amount === 0n
      ? `✅ Iuran ${fundLabel(iuran.fund)} berhenti mulai ${periodLabel(iuran.kind, from)}. Periode sebelumnya tetap terhutang seperti semula.`
      : `✅ Iuran ${fundLabel(iuran.fund)} menjadi ${amountOf(iuran.fund, amount)} ${EVERY[iuran.kind]} mulai ${periodLabel(iuran.kind, from)}. ` +
        'Periode sebelumnya tetap dengan jumlah lamanya.',
  periodMissing: () => '❌ Periodenya belum ditulis: harian, mingguan atau bulanan. Tidak ada yang dicatat.\nContoh: /iuran tambah kematian 10rb bulanan',
  startUnreadable: (text: string) =>
    `❌ "${text}" tidak terbaca sebagai bulan. Tidak ada yang dicatat.\nContoh: mulai Januari, mulai Januari 2027`,
  startTooEarly: (kind: PeriodKind, first: PeriodIndex) =>
    `❌ Perubahan hanya berlaku untuk periode yang belum berjalan, paling cepat ${periodLabel(kind, first)}: periode yang sudah berjalan mungkin sudah dibayar. Tidak ada yang diubah.`,
  reminderSet: (iuran: IuranInfo) =>
    iuran.reminderDay === null
      ? `✅ Pengingat iuran ${fundLabel(iuran.fund)} dimatikan.`
      : `✅ Pengingat iuran ${fundLabel(iuran.fund)}: ${reminderLabel(iuran)} pukul 09.00, lewat chat pribadi, hanya ke KK yang belum lunas. ` +
        'Grup hanya menerima jumlahnya, tanpa nama.',
  reminderUnreadable: (kind: PeriodKind) =>
    kind === 'harian'
      ? '❌ Iuran harian tidak punya pengingat (tiap hari akan terlalu sering). Tidak ada yang diubah.'
      : kind === 'bulanan'
        ? '❌ Tulis tanggalnya 1–28 atau "mati". Contoh: /iuran pengingat kematian tanggal 10'
        : '❌ Tulis harinya atau "mati". Contoh: /iuran pengingat kas hari senin',
  mineInGroup: () => 'Status iuran keluarga Anda hanya ditampilkan di chat pribadi dengan bot: kirim /iuran saya ke bot.',
  /** `levy` is the household's duka levy line, when it has one. */
  mine: (
    rows: readonly { wksbm: string; household: HouseholdInfo; standings: readonly { iuran: IuranInfo; standing: Standing }[]; levy: string | null }[],
  ) =>
    rows.length === 0
      ? 'Anda belum tercatat di KK mana pun. Di grup WKSBM Anda ketik: /kk gabung <nama KK>'
      : rows
          .map(({ wksbm, household, standings, levy }) => {
            const lines = [...standings.map(({ iuran, standing }) => standingLine(iuran, standing)), ...(levy ? [levy] : [])];
            return `${wksbm} — ${householdLine(household)}\n${lines.length ? lines.join('\n') : 'Belum ada iuran.'}`;
          })
          .join('\n\n'),

  // payments
  paid: (effect: PaymentEffect) => {
    const { iuran } = effect;
    const parts: string[] = [];
    if (effect.completed.length) parts.push(`${periodList(iuran.kind, effect.completed)} lunas`);
    if (effect.partial !== null) parts.push(`${periodLabel(iuran.kind, effect.partial)} terbayar sebagian`);
    if (effect.credit > 0n) parts.push(`titipan ${amountOf(iuran.fund, effect.credit)} untuk periode berikutnya`);
    return `Iuran ${fundLabel(iuran.fund)} KK ${effect.household.name}: ${parts.join('; ') || 'tercatat'}.`;
  },
  reversedHouseholds: (households: number) =>
    households > 0 ? `Pembayaran iuran ${households} KK dari catatan itu ikut dibatalkan; periodenya dihitung ulang.` : '',

  // arrears
  arrearsCounts: (counts: readonly IuranCounts[], pengurusHint: boolean) =>
    counts.length === 0
      ? 'Belum ada iuran. Contoh: /iuran tambah kematian 10rb bulanan'
      : counts
          .map(({ iuran, households, paidUp }) => `${fundLabel(iuran.fund)}: ${paidUp} dari ${households} KK sudah lunas sampai ${THIS[iuran.kind]}.`)
          .join('\n') + (pengurusHint ? '\nRincian per KK: kirim /tunggakan ke bot di chat pribadi.' : ''),
  arrears: (wksbm: string, sections: readonly { iuran: IuranInfo; rows: readonly ArrearsRow[]; households: number }[]) =>
    sections.length === 0
      ? 'Belum ada iuran. Contoh: /iuran tambah kematian 10rb bulanan'
      : `Tunggakan ${wksbm}\n` +
        sections
          .map(({ iuran, rows, households }) => {
            const total = rows.reduce((sum, row) => sum + row.standing.arrears, 0n);
            const head = `${fundLabel(iuran.fund)}: ${rows.length} dari ${households} KK belum lunas, total ${amountOf(iuran.fund, total)}`;
            return rows.length === 0
              ? `${fundLabel(iuran.fund)}: semua ${households} KK lunas sampai ${THIS[iuran.kind]}.`
              : `${head}\n` +
                  rows
                    .map(({ household, standing }) => {
                      const periods = standing.owed.map((owed) => owed.period);
                      const when = periods.length > 3 ? `${count(iuran.kind, periods.length)} sejak ${periodLabel(iuran.kind, periods[0]!)}` : periodList(iuran.kind, periods);
                      return `• ${household.name}: ${amountOf(iuran.fund, standing.arrears)} (${when})`;
                    })
                    .join('\n');
          })
          .join('\n\n'),
  namesSet: (show: boolean) =>
    show
      ? '✅ /tunggakan di grup sekarang menampilkan nama KK yang belum lunas. Matikan lagi dengan: /tunggakan sembunyikan nama'
      : '✅ /tunggakan di grup kembali hanya menampilkan jumlah KK, tanpa nama.',
  namesOnlyKetua: () => 'Maaf, hanya ketua yang dapat menampilkan atau menyembunyikan nama di /tunggakan.',
  arrearsWhichWksbm: (list: readonly { id: number; name: string }[]) =>
    `Anda pengurus di beberapa WKSBM. Tulis kodenya: ${list.map((w) => `/tunggakan ${w.id} (${w.name})`).join(', ')}`,
  arrearsNotPengurus: () => 'Rincian tunggakan per KK hanya untuk pengurus. Status keluarga Anda sendiri: /iuran saya',

  // jimpitan
  jimpitanUsage: () =>
    'Format:\n/jimpitan semua — semua rumah mengisi\n/jimpitan semua kecuali Bu Sri, Pak Tono\n/jimpitan Pak Budi, Bu Sri — hanya rumah ini\n' +
    '/jimpitan 12 rumah Rp6.000 — jumlah rumah saja (tidak dicatat per KK)\nTambahkan "semalam" untuk ronda kemarin malam; dana lain: /jimpitan beras semua',
  jimpitanNoIuran: (fund: FundInfo) =>
    `❌ Dana ${fundLabel(fund)} belum punya iuran harian per KK, jadi rumahnya tidak bisa dihitung. Contoh: /iuran tambah ${fund.name} 500 harian`,
  jimpitanNobody: () => '❌ Tidak ada rumah yang tersisa untuk dicatat. Tidak ada yang dicatat.',
  jimpitanCountMismatch: (houses: number, total: bigint, fund: FundInfo, each: bigint) =>
    `❌ ${houses} rumah × ${amountOf(fund, each)} = ${amountOf(fund, each * BigInt(houses))}, bukan ${amountOf(fund, total)}. ` +
    'Periksa lagi jumlah rumah atau uangnya. Tidak ada yang dicatat.',
  jimpitanRecorded: (number: number, fund: FundInfo, night: string, houses: number, total: bigint, balance: bigint, perHousehold: boolean, skipped: number) =>
    `✅ #${number} Jimpitan malam ${night}: ${houses} rumah, ${amountOf(fund, total)} ke ${fundLabel(fund)}.` +
    (perHousehold ? (skipped > 0 ? ` ${skipped} rumah tidak mengisi.` : '') : ' Tidak dicatat per KK.') +
    ` Saldo ${fundLabel(fund)}: ${amountOf(fund, balance)}`,

  // reminders and perantau
  reminder: (wksbm: string, household: HouseholdInfo, iuran: IuranInfo, standing: Standing) =>
    `🔔 Pengingat iuran ${fundLabel(iuran.fund)} — ${wksbm}\n${householdLine(household)}: ${standingLine(iuran, standing).replace(/^[^:]+: /, '')}.\n` +
    `Bayar ke bendahara, atau bila jauh kirim di sini: /setor ${amountOf(iuran.fund, standing.arrears).replace(/^Rp/, '')} ${iuran.fund.name}`,
  reminderGroupLine: (iuran: IuranInfo, reminded: number, paidUp: number, households: number) =>
    `🔔 Iuran ${fundLabel(iuran.fund)}: ${paidUp} dari ${households} KK sudah lunas; ${reminded} KK diingatkan lewat chat pribadi. Terima kasih!`,
  perantauWhichWksbm: (list: readonly { id: number; name: string }[]) =>
    `Anda anggota beberapa WKSBM. Tambahkan kodenya: ${list.map((w) => `kode ${w.id} (${w.name})`).join(', ')}\nContoh: /setor 500rb kas kode ${list[0]?.id ?? 1}`,
  perantauNoWksbm: () => 'Anda belum tercatat di WKSBM mana pun. Tulis sesuatu di grup WKSBM Anda dulu, lalu kirim /setor di sini.',
  perantauPending: (number: number, wksbm: string, fund: FundInfo, amount: bigint) =>
    `⏳ #${number} Setoran ${amountOf(fund, amount)} ke ${fundLabel(fund)} ${wksbm} dicatat dan menunggu pengesahan bendahara. ` +
    'Anda akan diberi tahu di sini.',
  perantauNotice: (number: number, fund: FundInfo, amount: bigint, from: string) =>
    `📥 #${number} Setoran perantau ${amountOf(fund, amount)} ke ${fundLabel(fund)} dari ${from} menunggu pengesahan: /sahkan ${number} atau /tolak ${number} <alasan>`,
  perantauDecided: (number: number, wksbm: string, fund: FundInfo, amount: bigint, approved: boolean, reason: string | null) =>
    approved
      ? `✅ Setoran #${number} ${amountOf(fund, amount)} ke ${fundLabel(fund)} ${wksbm} sudah disahkan bendahara. Terima kasih!`
      : `🚫 Setoran #${number} ${amountOf(fund, amount)} ke ${fundLabel(fund)} ${wksbm} ditolak bendahara${reason ? `: ${reason}` : ''}.`,
};

export function reminderLabel(iuran: Pick<IuranInfo, 'kind' | 'reminderDay'>): string {
  if (iuran.reminderDay === null) return 'mati';
  if (iuran.kind === 'mingguan') return `tiap hari ${WEEKDAYS[iuran.reminderDay - 1]}`;
  return `tiap tanggal ${iuran.reminderDay}`;
}

export const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
