/** Every sentence of the rukun duka, in Bahasa Indonesia. */
import { DateTime } from 'luxon';
import { formatRupiah } from '../shared/format.js';
import type { FundBalance } from '../shared/ports.js';
import type { DukaProblem } from './parse.js';
import type { DukaEventView } from './ports.js';

export const USAGE = {
  record: '/duka <nama almarhum/almarhumah>[, tanggal][, alamat] [netral]',
  santunan: '/duka santunan <no> <jumlah>',
} as const;

export const EXAMPLE = {
  record: '/duka Bapak Karto Wiyono, kemarin, RT 03 Dusun Krajan',
  santunan: '/duka santunan 3 1jt',
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

const given = (event: DukaEventView) => event.santunan.filter((s) => s.reversedBy === null).reduce((sum, s) => sum + s.amount, 0n);

export const dukaText = {
  /** The announcement for the group: Islamic wording, as most rukun duka send it. */
  announceIslam: (wksbm: string, event: DukaEventView) =>
    "Innalillahi wa inna ilaihi raji'un.\n" +
    `Telah berpulang ke rahmatullah ${event.name} pada hari ${longDate(event.diedOn)}.\n` +
    (event.address ? `Rumah duka: ${event.address}.\n` : '') +
    'Semoga beliau husnul khatimah, diampuni segala dosanya dan diterima amal ibadahnya, dan keluarga yang ' +
    'ditinggalkan diberi kesabaran dan keikhlasan. Aamiin.\n' +
    `Keluarga besar ${wksbm} turut berduka cita.`,
  /** The announcement for the group, for any faith. */
  announceNeutral: (wksbm: string, event: DukaEventView) =>
    'Berita duka cita.\n' +
    `Telah meninggal dunia ${event.name} pada hari ${longDate(event.diedOn)}.\n` +
    (event.address ? `Rumah duka: ${event.address}.\n` : '') +
    `Keluarga besar ${wksbm} turut berduka cita sedalam-dalamnya. Semoga keluarga yang ditinggalkan diberi ` +
    'kekuatan dan penghiburan.',
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
};
