/**
 * Every sentence the bot says, in Bahasa Indonesia. Commands pass facts; the wording lives here so it
 * stays consistent and can be reviewed (and translated) in one place.
 */
import type { AmountProblem } from '../parse/amount.js';
import type { EntryView, FundBalance, FundInfo, HistoryItem, MemberInfo, SubmissionView } from '../ports.js';
import type { Quantity } from '../quantity.js';
import type { Role } from '../roles.js';
import { formatShortDateTime } from './date.js';
import { formatQuantity, unitLabel } from './format.js';

export const fundLabel = (fund: Pick<FundInfo, 'name'>): string =>
  fund.name.charAt(0).toUpperCase() + fund.name.slice(1);

/** An amount in the fund's own unit, for examples people can copy. */
export const exampleAmount = (fund: Pick<FundInfo, 'unit'>): string =>
  fund.unit === 'IDR' ? '5000' : fund.unit === 'kg' ? '2kg' : '1,5liter';

const amountOf = (fund: Pick<FundInfo, 'unit'>, value: bigint): string =>
  formatQuantity({ unit: fund.unit, value } as Quantity);

const ROLE_LABEL: Record<Role, string> = {
  ketua: 'ketua',
  bendahara: 'bendahara',
  sekretaris: 'sekretaris',
  anggota: 'anggota',
};

export const roleList = (roles: readonly Role[]): string => {
  const labels = roles.map((role) => ROLE_LABEL[role]);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} atau ${labels.at(-1)}`;
};

const PROBLEM: Record<AmountProblem, string> = {
  missing: 'jumlahnya belum ditulis',
  'not-a-number': 'itu bukan angka',
  zero: 'jumlahnya nol',
  negative: 'jumlahnya harus lebih dari nol',
  fraction: 'rupiah tidak bisa pecahan',
  ambiguous: 'tulisannya bisa dibaca dua arti',
  'too-large': 'jumlahnya terlalu besar untuk satu catatan',
};

export const t = {
  notACommand: (name: string) => `Perintah /${name} tidak dikenal. Ketik /bantuan untuk daftar perintah.`,
  needsGroup: (name: string) =>
    `/${name} dipakai di grup WKSBM. Tambahkan bot ke grup WKSBM Anda, lalu ketik perintahnya di sana.`,
  notLinked: (name: string) =>
    `Grup ini belum terdaftar sebagai WKSBM, jadi /${name} belum bisa dipakai.\n` +
    'Ketua mendaftarkannya dengan: /mulai <nama WKSBM>\nContoh: /mulai WKSBM Sukamaju RW 05',
  notAllowed: (name: string, allowed: readonly Role[], role: Role, recordedButNotAdmin: Role | null) =>
    `Maaf, /${name} hanya untuk ${roleList(allowed)}. Peran Anda di sini: ${ROLE_LABEL[role]}.` +
    (recordedButNotAdmin
      ? ` Anda tercatat sebagai ${ROLE_LABEL[recordedButNotAdmin]}, tetapi hak pengurus hanya berlaku bagi admin grup ini.`
      : ''),
  usage: (usage: string, example: string) => `Format: ${usage}\nContoh: ${example}`,

  // ledger
  amountRefused: (raw: string, problem: AmountProblem, usage: string, example: string) =>
    `❌ Jumlah ${raw ? `"${raw}"` : ''} tidak bisa dicatat: ${PROBLEM[problem]}. Tidak ada yang dicatat.\n` +
    'Tulis misalnya 5000, 5.000, Rp5.000, 5rb, 1,5jt atau 2kg.\n' +
    t.usage(usage, example),
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
  numberMissing: (usage: string, example: string) => `❌ Nomor catatan belum ditulis.\n${t.usage(usage, example)}`,
  reasonMissing: (usage: string, example: string) => `❌ Alasannya belum ditulis.\n${t.usage(usage, example)}`,
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
  history: (title: string, items: readonly HistoryItem[], timeZone: string) =>
    items.length === 0
      ? `${title}\nBelum ada catatan.`
      : `${title}\n` + items.map((item) => historyLine(item, timeZone)).join('\n'),
  historyTitle: (fund: FundInfo | undefined, count: number) =>
    `📒 ${count} catatan terakhir${fund ? ` dana ${fundLabel(fund)}` : ''} (terbaru di atas):`,
  historyArgs: () =>
    '❌ Tidak terbaca. Format: /riwayat [dana] [jumlah], jumlah 1–50.\nContoh: /riwayat jimpitan 20',

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

  // members
  startNeedsName: () => '❌ Nama WKSBM belum ditulis.\nContoh: /mulai WKSBM Sukamaju RW 05',
  startNeedsAdmin: () =>
    '❌ Hanya admin grup yang bisa mendaftarkan grup ini sebagai WKSBM. Minta admin grup mengetik /mulai <nama WKSBM>.',
  startInPrivate: () =>
    '/mulai dipakai di grup WKSBM: tambahkan bot ke grup, lalu ketua mengetik /mulai <nama WKSBM> di sana.',
  started: (name: string, person: string, funds: readonly FundInfo[]) =>
    `🎉 ${name} terdaftar di grup ini. ${person} tercatat sebagai ketua.\n` +
    `Dana: ${funds.map(fundLabel).join(', ')}.\n` +
    'Siapa pun yang menulis di grup ini tercatat sebagai anggota. Ketik /bantuan untuk daftar perintah.',
  alreadyLinked: (name: string) => `Grup ini sudah terdaftar sebagai ${name}. Ketik /bantuan untuk daftar perintah.`,
  members: (wksbm: string, members: readonly MemberInfo[]) => {
    const pengurus = members.filter((member) => member.role !== 'anggota');
    const anggota = members.filter((member) => member.role === 'anggota');
    return (
      `👥 ${wksbm}\nPengurus: ` +
      (pengurus.map((member) => `${member.person.name} (${member.role})`).join(', ') || '-') +
      `\nAnggota (${anggota.length}): ` +
      (anggota.map((member) => member.person.name).join(', ') || '-')
    );
  },
  memberNotFound: (name: string) =>
    `❌ Tidak ada anggota bernama "${name}". Lihat daftarnya dengan /anggota (orang tercatat setelah menulis di grup).`,
  memberAmbiguous: (name: string, candidates: readonly string[]) =>
    `❌ "${name}" cocok dengan beberapa anggota: ${candidates.join(', ')}. Tulis namanya lebih lengkap.`,
  roleSet: (name: string, role: Role, previous: Role) =>
    previous === role ? `${name} sudah ${role}.` : `✅ ${name} sekarang ${role} (sebelumnya ${previous}).`,
  lastKetua: () => '❌ WKSBM harus punya setidaknya satu ketua. Angkat ketua lain dulu dengan /peran <nama> ketua.',

  // channels
  adminStatusUnknown: () =>
    '⏳ Daftar admin grup belum bisa dibaca dari Telegram saat ini, jadi perintah pengurus belum bisa diproses. Tidak ada yang dicatat; coba lagi sebentar.',
  serverError: () => '⚠️ Maaf, terjadi kesalahan di server. Tidak ada yang dicatat; coba lagi.',

  // help
  help: (role: Role | null, lines: readonly string[]) =>
    (role ? `📖 Perintah untuk ${role}:` : '📖 Perintah:') + '\n' + lines.join('\n'),
  privateWelcome: (name: string) =>
    `👋 Halo, ${name}! Saya bot WKSBM: pencatat kas, jimpitan, dana kematian dan iuran kelompok Anda.\n` +
    'Di grup WKSBM: pengurus mencatat setoran dan pengeluaran (/setor, /keluar), anggota melihat saldo (/saldo) ' +
    'dan riwayat (/riwayat). Setiap rupiah tercatat sekali, tidak pernah diubah diam-diam.\n' +
    'Untuk memulai: tambahkan saya ke grup WKSBM, lalu admin grup mengetik /mulai <nama WKSBM>.\n' +
    'Ada tetangga yang membutuhkan bantuan? Laporkan di sini dengan /lapor: hanya pengurus WKSBM yang membacanya.',
};

function describeEntry(entry: EntryView): string {
  const amount = amountOf(entry.fund, entry.amount < 0n ? -entry.amount : entry.amount);
  if (entry.kind === 'setor') return `Setoran ${amount} ke ${fundLabel(entry.fund)}`;
  if (entry.kind === 'keluar') return `Pengeluaran ${amount} dari ${fundLabel(entry.fund)}`;
  return `Koreksi ${amount} ${fundLabel(entry.fund)}`;
}

function historyLine(item: HistoryItem, timeZone: string): string {
  const when = formatShortDateTime(item.createdAt, timeZone);
  if (item.type === 'submission') {
    const who = item.contributorName ?? item.submittedBy;
    const status = item.status === 'ditolak' ? `ditolak${item.reason ? `: ${item.reason}` : ''}` : 'menunggu pengesahan';
    return `#${item.number} ${when} ${fundLabel(item.fund)} +${amountOf(item.fund, item.amount)} ${who} — ${status}`;
  }
  const sign = item.amount < 0n ? '−' : '+';
  const amount = amountOf(item.fund, item.amount < 0n ? -item.amount : item.amount);
  const who = item.kind === 'setor' ? (item.contributorName ?? item.recordedBy) : item.recordedBy;
  const what =
    item.kind === 'koreksi'
      ? `koreksi #${item.reverses}`
      : item.kind === 'keluar'
        ? `keluar${item.note ? `: ${item.note}` : ''}`
        : 'setor';
  const status = item.reversedBy ? ` — dikoreksi #${item.reversedBy}` : '';
  return `#${item.number} ${when} ${fundLabel(item.fund)} ${sign}${amount} ${who} (${what})${status}`;
}
