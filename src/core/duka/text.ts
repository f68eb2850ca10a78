/** Every sentence of the rukun duka, in Bahasa Indonesia. */
import { DateTime } from 'luxon';
import { formatRupiah } from '../shared/format.js';
import type { FundBalance } from '../shared/ports.js';
import type { DukaProblem } from './parse.js';
import type { LevyStanding } from './levy.js';
import type { DukaEventView, LevyEffect, LevySetting } from './ports.js';
import type { HouseholdSummary } from '../iuran/ports.js';

export const USAGE = {
  record: '/duka <nama almarhum/almarhumah>[, tanggal][, alamat] [netral]',
  santunan: '/duka santunan <no> <jumlah>',
  levy: '/duka iuran <jumlah> per KK',
} as const;

export const EXAMPLE = {
  record: '/duka Bapak Karto Wiyono, kemarin, RT 03 Dusun Krajan',
  santunan: '/duka santunan 3 1jt',
  levy: '/duka iuran 5rb per KK',
} as const;

/** `Rabu, 25 November 2026` */
const longDate = (isoDate: string) => DateTime.fromISO(isoDate).setLocale('id').toFormat('cccc, d LLLL yyyy');
const shortDate = (isoDate: string) => DateTime.fromISO(isoDate).setLocale('id').toFormat('d LLL yyyy');

const PROBLEM: Record<DukaProblem, string> = {
  name: 'nama almarhum/almarhumah belum ditulis',
  future: 'tanggalnya belum lewat',
  'too-old': 'tanggalnya lebih dari setahun yang lalu',
  'too-long': 'nama paling panjang 100 huruf dan alamat 200 huruf',
};

/** The levy line of an announcement: the amount is public, who has paid is not. */
const levyLine = (event: DukaEventView, fund: string | null) =>
  event.levy > 0n && fund
    ? `\nIuran duka ${formatRupiah(event.levy)} per KK ke dana ${fund}: /setor ${formatRupiah(event.levy).replace(/^Rp/, '')} ${fund.toLowerCase()}`
    : '';

/** `duka #3 Pak Karto Rp5.000, duka #4 Bu Sri Rp2.000 (kurang)` */
const owedList = (standing: LevyStanding) =>
  standing.owed
    .map(({ event, missing }) => `duka #${event.number} ${event.name} ${formatRupiah(missing)}${missing < event.levy ? ' (sisa)' : ''}`)
    .join(', ');

/** A paid-up levy, with what is kept for the next death. */
const paidUp = (standing: LevyStanding): string =>
  'lunas' + (standing.credit > 0n ? `, titipan ${formatRupiah(standing.credit)} untuk duka berikutnya` : '');

const given = (event: DukaEventView) => event.santunan.filter((s) => s.reversedBy === null).reduce((sum, s) => sum + s.amount, 0n);

export const dukaText = {
  /** The announcement for the group: Islamic wording, as most rukun duka send it. */
  announceIslam: (wksbm: string, event: DukaEventView, levyFund: string | null) =>
    "Innalillahi wa inna ilaihi raji'un.\n" +
    `Telah berpulang ke rahmatullah ${event.name} pada hari ${longDate(event.diedOn)}.\n` +
    (event.address ? `Rumah duka: ${event.address}.\n` : '') +
    'Semoga beliau husnul khatimah, diampuni segala dosanya dan diterima amal ibadahnya, dan keluarga yang ' +
    'ditinggalkan diberi kesabaran dan keikhlasan. Aamiin.\n' +
    `Keluarga besar ${wksbm} turut berduka cita.` +
    levyLine(event, levyFund),
  /** The announcement for the group, for any faith. */
  announceNeutral: (wksbm: string, event: DukaEventView, levyFund: string | null) =>
    'Berita duka cita.\n' +
    `Telah meninggal dunia ${event.name} pada hari ${longDate(event.diedOn)}.\n` +
    (event.address ? `Rumah duka: ${event.address}.\n` : '') +
    `Keluarga besar ${wksbm} turut berduka cita sedalam-dalamnya. Semoga keluarga yang ditinggalkan diberi ` +
    'kekuatan dan penghiburan.' +
    levyLine(event, levyFund),
  recorded: (event: DukaEventView) =>
    `📝 Tercatat sebagai duka #${event.number}. Santunan dari dana Kematian: /duka santunan ${event.number} <jumlah>` +
    (event.form === 'islam' ? '\nPengumuman tanpa ucapan keagamaan: tambahkan kata netral di akhir /duka.' : ''),
  refused: (problem: DukaProblem) =>
    `❌ Tidak bisa dicatat: ${PROBLEM[problem]}. Tidak ada yang diumumkan.\n` +
    `Format: ${USAGE.record}\nContoh: ${EXAMPLE.record}\nTanggal: hari ini (bila tidak ditulis), kemarin, 25/11, 25 November 2026.`,
  santunanUsage: () => `❌ Format: ${USAGE.santunan}\nContoh: ${EXAMPLE.santunan}`,
  notFound: (number: number) => `❌ Duka #${number} tidak ada di WKSBM ini. Lihat daftarnya dengan /duka`,
  noFund: () => '❌ WKSBM ini tidak punya dana kematian. Tambahkan dengan /dana tambah kematian duka',
  notRupiah: () => `❌ Santunan ditulis dalam rupiah.\nContoh: ${EXAMPLE.santunan}`,
  insufficient: (fund: Pick<FundBalance, 'name'>, balance: bigint, amount: bigint) =>
    `❌ Saldo dana ${fund.name} ${formatRupiah(balance)}, santunan ${formatRupiah(amount)}: kurang ` +
    `${formatRupiah(amount - balance)}. Tidak ada yang dicatat.`,
  paid: (event: DukaEventView, fund: Pick<FundBalance, 'name'>, entry: number, amount: bigint, balance: bigint) =>
    `✅ #${entry} Santunan ${formatRupiah(amount)} untuk keluarga ${event.name} (duka #${event.number}) dari dana ` +
    `${fund.name}. Saldo ${fund.name}: ${formatRupiah(balance)}` +
    (event.santunan.length > 1 ? `\nSantunan untuk duka #${event.number} seluruhnya: ${formatRupiah(given(event))}` : ''),
  list: (events: readonly DukaEventView[]) =>
    events.length === 0
      ? `🕊️ Belum ada duka yang dicatat. Pengurus mencatat dan mengumumkan dengan ${USAGE.record}`
      : '🕊️ Duka yang dicatat (terbaru di atas):\n' +
        events
          .map((event) => `#${event.number} ${shortDate(event.diedOn)} ${event.name} — santunan ${formatRupiah(given(event))}`)
          .join('\n') +
        '\nRinciannya: /duka <no>',
  detail: (event: DukaEventView) =>
    `🕊️ Duka #${event.number}: ${event.name}, ${longDate(event.diedOn)}` +
    (event.address ? `\nRumah duka: ${event.address}` : '') +
    '\nSantunan: ' +
    (event.santunan.length === 0
      ? 'belum ada'
      : event.santunan
          .map((s) => `#${s.entryNumber} ${formatRupiah(s.amount)}${s.reversedBy === null ? '' : ` (dikoreksi #${s.reversedBy})`}`)
          .join(', ') + `; seluruhnya ${formatRupiah(given(event))}`),

  // the levy per household
  levyUsage: () =>
    `❌ Format: ${USAGE.levy}\nContoh: ${EXAMPLE.levy} — setiap KK membayar sekian untuk setiap duka yang dicatat sesudahnya. ` +
    'Menghentikan: /duka iuran 0',
  levyShow: (setting: LevySetting | null) =>
    setting && setting.amount > 0n
      ? `🕊️ Iuran duka: ${formatRupiah(setting.amount)} per KK untuk setiap duka, ke dana ${setting.fund.name}. ` +
        'Tunggakannya di /tunggakan. Mengubah: /duka iuran <jumlah> per KK; menghentikan: /duka iuran 0'
      : `🕊️ Belum ada iuran duka per KK. Menetapkan: ${USAGE.levy}\nContoh: ${EXAMPLE.levy}`,
  levySet: (setting: LevySetting) =>
    setting.amount > 0n
      ? `✅ Iuran duka ${formatRupiah(setting.amount)} per KK, ke dana ${setting.fund.name}, berlaku untuk duka yang dicatat mulai sekarang. ` +
        'Setiap KK yang terdaftar pada hari wafatnya menanggungnya sekali; duka yang sudah dicatat tidak berubah.'
      : '✅ Iuran duka per KK dihentikan untuk duka berikutnya. Iuran duka yang sudah berjalan tetap ditagih.',
  /**
   * What a payment did to the levy, said in the group: what is still owed is the household's arrears, which
   * the group never sees unless the ketua turned names on, so it points to the private /iuran saya instead.
   */
  levyPaid: (effect: LevyEffect) =>
    `Iuran duka KK ${effect.household.name}: ` +
    (effect.standing.arrears === 0n ? `${paidUp(effect.standing)}.` : 'tercatat, belum lunas. Rinciannya lewat chat pribadi dengan bot: /iuran saya'),
  /** A household's own levy line, in /iuran saya (a private chat). */
  levyMine: (standing: LevyStanding) =>
    `Iuran duka: ${standing.arrears === 0n ? paidUp(standing) : `kurang ${formatRupiah(standing.arrears)} (${owedList(standing)})`}`,
  /** For the members' group: counts, never names. */
  levyCounts: (paidUp: number, households: number) => `Iuran duka: ${paidUp} dari ${households} KK sudah lunas.`,
  /** For pengurus (or a group whose ketua turned names on). */
  levyArrears: (rows: readonly { household: HouseholdSummary; standing: LevyStanding }[], households: number) => {
    const owing = rows.filter((row) => row.standing.arrears > 0n);
    if (owing.length === 0) return `Iuran duka: semua ${households} KK lunas.`;
    const total = owing.reduce((sum, row) => sum + row.standing.arrears, 0n);
    return (
      `Iuran duka: ${owing.length} dari ${households} KK belum lunas, total ${formatRupiah(total)}\n` +
      owing.map(({ household, standing }) => `• ${household.name}: ${formatRupiah(standing.arrears)} (${owedList(standing)})`).join('\n')
    );
  },
  /** A household's private reminder. */
  levyReminder: (wksbm: string, household: HouseholdSummary, fund: string, standing: LevyStanding) =>
    `🔔 Pengingat iuran duka — ${wksbm}\nKK ${household.name}: kurang ${formatRupiah(standing.arrears)} (${owedList(standing)}).\n` +
    `Bayar ke bendahara, atau bila jauh kirim di sini: /setor ${formatRupiah(standing.arrears).replace(/^Rp/, '')} ${fund.toLowerCase()}`,
};
