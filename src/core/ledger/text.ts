/**
 * The ledger's sentences, in Bahasa Indonesia. Commands pass facts; each sentence is a named function so
 * the wording stays consistent, can be reviewed in one place and translated later.
 */
import type { AmountProblem, AmountReading, AmountReadings } from '../shared/amount.js';
import type { FundBalance, FundInfo } from '../shared/ports.js';
import type { EntryView, HistoryItem, SubmissionView } from './ports.js';
import type { Quantity } from '../shared/quantity.js';
import { formatShortDateTime } from '../shared/date.js';
import { shorten } from '../shared/bounds.js';
import { formatQuantity, unitLabel } from '../shared/format.js';
import { sharedText } from '../shared/text.js';

export const fundLabel = (fund: Pick<FundInfo, 'name'>): string =>
  fund.name.charAt(0).toUpperCase() + fund.name.slice(1);

/** An amount in the fund's own unit, for examples people can copy. */
export const exampleAmount = (fund: Pick<FundInfo, 'unit'>): string =>
  fund.unit === 'IDR' ? '5000' : fund.unit === 'kg' ? '2kg' : '1,5liter';

const amountOf = (fund: Pick<FundInfo, 'unit'>, value: bigint): string =>
  formatQuantity({ unit: fund.unit, value } as Quantity);

const PROBLEM: Record<AmountProblem, string> = {
  missing: 'jumlahnya belum ditulis',
  'not-a-number': 'itu bukan angka',
  zero: 'jumlahnya nol',
  negative: 'jumlahnya harus lebih dari nol',
  fraction: 'rupiah tidak bisa pecahan',
  ambiguous: 'tulisannya bisa dibaca dua arti',
  'too-large': 'jumlahnya terlalu besar untuk satu catatan',
};

/** A reading of an ambiguous amount as people write it: "2,5k (Rp2.500)", "1.500 (Rp1.500)", "1,5". */
function readingText(reading: AmountReading): string {
  const whole = reading.whole.replace(/^0+(?=[0-9])/, '').replace(/\B(?=(?:[0-9]{3})+$)/g, '.');
  const fraction = reading.fraction.replace(/0+$/, '');
  const word = reading.word === null ? '' : `${reading.word.length > 2 ? ' ' : ''}${reading.word}`;
  const written = `${whole}${fraction ? `,${fraction}` : ''}${word}`;
  return reading.quantity ? `${written} (${formatQuantity(reading.quantity)})` : written;
}

/** What the ledger says: setor, keluar, koreksi, pengesahan, saldo, riwayat and funds. */
export const ledgerText = {
  amountRefused: (raw: string, problem: AmountProblem, usage: string, example: string) =>
    `❌ Jumlah ${raw ? `"${raw}"` : ''} tidak bisa dicatat: ${PROBLEM[problem]}. Tidak ada yang dicatat.\n` +
    'Tulis misalnya 5000, 5.000, Rp5.000, 5rb, 1,5jt atau 2kg.\n' +
    sharedText.usage(usage, example),
  /** `example` is a whole command with the amount written so that it reads one way only. */
  amountTwoWays: (raw: string, readings: AmountReadings, example: string) =>
    `❌ Jumlah "${raw}" bisa dibaca dua arti: ${readingText(readings.decimal)} atau ${readingText(readings.grouped)}. ` +
    `Tidak ada yang dicatat.\nTulis jumlah yang dimaksud secara lengkap.\nContoh: ${example}`,
  fundMissing: (understood: string, funds: readonly FundInfo[], example: string) =>
    `❌ Terbaca ${understood}, tapi dananya belum ditulis. Tidak ada yang dicatat.\n` +
    `Dana yang ada: ${funds.map((fund) => fund.name).join(', ')}.\nContoh: ${example}`,
  fundUnknown: (word: string, funds: readonly FundInfo[], example: string) =>
    `❌ Dana "${word}" tidak ada. Tidak ada yang dicatat.\n` +
    `Dana yang ada: ${funds.map((fund) => fund.name).join(', ')}. Dana baru: /dana tambah <nama>\nContoh: ${example}`,
  unitMismatch: (fund: FundInfo, quantity: Quantity, example: string) =>
    `❌ Dana ${fundLabel(fund)} dicatat dalam ${unitLabel(fund.unit)}, sedangkan yang terbaca ` +
    `${quantity.unit === 'IDR' ? `${formatQuantity(quantity)} (rupiah)` : formatQuantity(quantity)}. ` +
    `Tidak ada yang dicatat.\nContoh: ${example}`,
  purposeMissing: (fund: FundInfo, amount: bigint, example: string) =>
    `❌ Terbaca pengeluaran ${amountOf(fund, amount)} dari ${fundLabel(fund)}, tapi keperluannya belum ditulis. ` +
    `Tidak ada yang dicatat.\nContoh: ${example}`,
  posted: (number: number, fund: FundInfo, amount: bigint, from: string, balance: bigint, note: string | null) =>
    `✅ #${number} Setoran ${amountOf(fund, amount)} ke ${fundLabel(fund)} dari ${from}. ` +
    `Saldo ${fundLabel(fund)}: ${amountOf(fund, balance)}` + (note ? `\nCatatan: ${note}` : ''),
  pending: (number: number, fund: FundInfo, amount: bigint, from: string) =>
    `⏳ #${number} Setoran ${amountOf(fund, amount)} ke ${fundLabel(fund)} dari ${from} dicatat dan menunggu ` +
    `pengesahan ketua/bendahara; saldo belum berubah.\nPengurus: /sahkan ${number} atau /tolak ${number} <alasan>`,
  spent: (number: number, fund: FundInfo, amount: bigint, purpose: string, balance: bigint) =>
    `✅ #${number} Pengeluaran ${amountOf(fund, amount)} dari ${fundLabel(fund)} untuk ${purpose}. ` +
    `Saldo ${fundLabel(fund)}: ${amountOf(fund, balance)}`,
  insufficient: (fund: FundInfo, amount: bigint, balance: bigint) =>
    `❌ Saldo ${fundLabel(fund)} tidak cukup: ${amountOf(fund, balance)}, pengeluaran ${amountOf(fund, amount)}. ` +
    'Tidak ada yang dicatat.',
  numberMissing: (usage: string, example: string) => `❌ Nomor catatan belum ditulis.\n${sharedText.usage(usage, example)}`,
  reasonMissing: (usage: string, example: string) => `❌ Alasannya belum ditulis.\n${sharedText.usage(usage, example)}`,
  entryNotFound: (number: number) => `❌ Catatan #${number} tidak ada di WKSBM ini. Lihat nomornya dengan /riwayat.`,
  reversed: (number: number, original: EntryView, balance: bigint, reason: string) =>
    `↩️ #${number} Koreksi atas #${original.number} (${describeEntry(original)}): ` +
    `${amountOf(original.fund, -original.amount)}. Alasan: ${reason}. ` +
    `Saldo ${fundLabel(original.fund)}: ${amountOf(original.fund, balance)}\n` +
    'Bila jumlahnya yang salah, catat ulang yang benar dengan /setor atau /keluar.',
  reversePending: (number: number) =>
    `❌ #${number} masih menunggu pengesahan, jadi belum mengubah saldo. Gunakan /tolak ${number} <alasan>.`,
  reverseCorrection: (number: number) =>
    `❌ #${number} sendiri adalah koreksi dan tidak bisa dikoreksi lagi. Catat ulang transaksinya dengan /setor atau /keluar.`,
  alreadyReversed: (number: number, by: number) => `❌ #${number} sudah dikoreksi oleh #${by}.`,
  reverseInsufficient: (original: EntryView, balance: bigint) =>
    `❌ Koreksi #${original.number} akan membuat saldo ${fundLabel(original.fund)} minus ` +
    `(saldo ${amountOf(original.fund, balance)}, koreksi ${amountOf(original.fund, -original.amount)}). ` +
    'Tidak ada yang dicatat.',
  approved: (submission: SubmissionView, balance: bigint, by: string) =>
    `✅ #${submission.number} Setoran ${amountOf(submission.fund, submission.amount)} ke ${fundLabel(submission.fund)} ` +
    `dari ${submission.contributorName ?? submission.submittedBy} disahkan oleh ${by}. ` +
    `Saldo ${fundLabel(submission.fund)}: ${amountOf(submission.fund, balance)}`,
  refused: (submission: SubmissionView, by: string, reason: string) =>
    `🚫 #${submission.number} Setoran ${amountOf(submission.fund, submission.amount)} ke ${fundLabel(submission.fund)} ` +
    `dari ${submission.contributorName ?? submission.submittedBy} ditolak oleh ${by}. Alasan: ${reason}. Saldo tidak berubah.`,
  alreadyDecided: (submission: SubmissionView) =>
    `❌ #${submission.number} sudah ${submission.status}${submission.reason ? ` (${submission.reason})` : ''}.`,
  refusedByButton: 'ditolak lewat tombol',
  isEntry: (number: number) => `❌ #${number} sudah sah (bukan setoran yang menunggu). Untuk membatalkannya: /koreksi ${number} <alasan>`,
  balances: (wksbm: string, funds: readonly FundBalance[]) =>
    `💰 Saldo ${wksbm}\n` + funds.map((fund) => `• ${fundLabel(fund)}: ${amountOf(fund, fund.balance)}`).join('\n'),
  /**
   * One page of /riwayat; `more` is the command for the next page when there is one, `proofs` how many
   * proof photos a number has (📎).
   */
  history: (
    fund: FundInfo | undefined,
    page: number,
    items: readonly HistoryItem[],
    more: string | null,
    timeZone: string,
    proofs: ReadonlyMap<number, number> = new Map(),
  ) =>
    `📒 Catatan terbaru${fund ? ` dana ${fundLabel(fund)}` : ''}, halaman ${page} (terbaru di atas):\n` +
    (items.length === 0
      ? page === 1
        ? 'Belum ada catatan.'
        : `Tidak ada catatan di halaman ${page}.`
      : items.map((item) => historyLine(item, timeZone) + proofMark(proofs.get(item.number))).join('\n')) +
    (more ? `\nLihat lebih banyak: ${more}` : ''),
  // proof photos (bukti/nota)
  proofKept: (number: number, count: number) =>
    `📎 Foto bukti untuk #${number} disimpan${count > 1 ? ` (${count} foto)` : ''}. Pengurus dapat melihatnya dengan /bukti ${number}.`,
  proofNotAllowed: (number: number) =>
    `❌ Foto bukti untuk #${number} hanya bisa ditambahkan oleh yang mencatatnya atau ketua/bendahara. Foto tidak disimpan.`,
  proofTooBig: (megabytes: number) => `❌ Fotonya lebih dari ${megabytes} MB, jadi tidak disimpan. Kirim foto yang lebih kecil.`,
  proofNotImage: () => '❌ Berkas itu bukan foto (JPEG, PNG atau WebP), jadi tidak disimpan sebagai bukti. Kirim foto nota atau buktinya.',
  proofUnavailable: () => '❌ Foto bukti tidak bisa disimpan dari aplikasi ini. Kirim lewat Telegram atau WhatsApp.',
  proofsSent: (number: number, count: number) =>
    `📎 ${count} foto bukti #${number} dikirim ke chat pribadi Anda dengan bot. ` +
    'Bila tidak sampai, buka dulu chat pribadi dengan bot lalu ulangi.',
  proofsNone: (number: number) => `Belum ada foto bukti untuk #${number}. Tambahkan dengan membalas pesan /setor atau /keluar-nya dengan foto.`,
  proofCaption: (number: number, count: number) => `📎 Foto bukti #${number}${count > 1 ? ` (${count} foto)` : ''}. Jangan diteruskan ke grup.`,
  historyArgs: (maxPage: number) =>
    `❌ Tidak terbaca. Format: /riwayat [dana] [halaman], halaman 1–${maxPage}.\nContoh: /riwayat jimpitan 2`,

  // funds
  funds: (funds: readonly FundInfo[]) =>
    '📂 Dana:\n' +
    funds
      .map(
        (fund) =>
          `• ${fundLabel(fund)} (${unitLabel(fund.unit)})` +
          (fund.aliases.length ? ` — juga: ${fund.aliases.join(', ')}` : ''),
      )
      .join('\n') +
    '\nTambah dana: /dana tambah <nama> [uang|kg|liter] [alias…]',
  fundWordInvalid: (word: string) =>
    `❌ "${word}" tidak bisa jadi nama dana: pakai satu kata huruf kecil (boleh angka dan -), 2–30 huruf.\n` +
    'Contoh: /dana tambah beras kg lumbung',
  fundTaken: (word: string) => `❌ Nama "${word}" sudah dipakai oleh dana lain. Tidak ada yang ditambahkan.`,
  fundAdded: (fund: FundInfo) =>
    `✅ Dana ${fundLabel(fund)} ditambahkan (${unitLabel(fund.unit)})` +
    (fund.aliases.length ? `, juga bisa ditulis: ${fund.aliases.join(', ')}` : '') +
    `.\nContoh: /setor ${exampleAmount(fund)} ${fund.name}`,

};

function describeEntry(entry: EntryView): string {
  const amount = amountOf(entry.fund, entry.amount < 0n ? -entry.amount : entry.amount);
  if (entry.kind === 'setor') return `Setoran ${amount} ke ${fundLabel(entry.fund)}`;
  if (entry.kind === 'keluar') return `Pengeluaran ${amount} dari ${fundLabel(entry.fund)}`;
  return `Koreksi ${amount} ${fundLabel(entry.fund)}`;
}

/** How much of a name or a note a /riwayat line quotes, so ten lines always fit one message. */
const LINE_NAME = 30;
const LINE_NOTE = 60;

const proofMark = (count: number | undefined) => (count ? ` 📎${count > 1 ? count : ''}` : '');

function historyLine(item: HistoryItem, timeZone: string): string {
  const when = formatShortDateTime(item.createdAt, timeZone);
  if (item.type === 'submission') {
    const who = shorten(item.contributorName ?? item.submittedBy, LINE_NAME);
    const status = item.status === 'ditolak' ? `ditolak${item.reason ? `: ${shorten(item.reason, LINE_NOTE)}` : ''}` : 'menunggu pengesahan';
    return `#${item.number} ${when} ${fundLabel(item.fund)} +${amountOf(item.fund, item.amount)} ${who} — ${status}`;
  }
  const sign = item.amount < 0n ? '−' : '+';
  const amount = amountOf(item.fund, item.amount < 0n ? -item.amount : item.amount);
  const who = shorten(item.kind === 'setor' ? (item.contributorName ?? item.recordedBy) : item.recordedBy, LINE_NAME);
  const what =
    item.kind === 'koreksi'
      ? `koreksi #${item.reverses}`
      : item.kind === 'keluar'
        ? `keluar${item.note ? `: ${shorten(item.note, LINE_NOTE)}` : ''}`
        : 'setor';
  const status = item.reversedBy ? ` — dikoreksi #${item.reversedBy}` : '';
  return `#${item.number} ${when} ${fundLabel(item.fund)} ${sign}${amount} ${who} (${what})${status}`;
}
