/** Every sentence of the arisan, in Bahasa Indonesia. */
import type { AmountProblem } from '../shared/amount.js';
import { formatShortDateTime } from '../shared/date.js';
import { formatRupiah } from '../shared/format.js';
import { ledgerText } from '../ledger/text.js';
import { sharedText } from '../shared/text.js';
import { listText } from './draw.js';
import type { ArisanInfo, ArisanStatus, CommittedView, DrawnRound, ArisanFrequency, ShareView, WinView } from './ports.js';

const FREQUENCY_LABEL: Record<ArisanFrequency, string> = {
  mingguan: 'mingguan',
  bulanan: 'bulanan',
  'tiap-rapat': 'tiap rapat',
};

const title = (arisan: Pick<ArisanInfo, 'name'>) => `Arisan ${arisan.name.charAt(0).toUpperCase()}${arisan.name.slice(1)}`;
const shareLine = (shares: readonly ShareView[]) => shares.map((share) => `${share.number}. ${share.name}`).join(', ') || '-';
const numbers = (list: readonly number[]) => list.join(', ');
const mixesText = (mixes: readonly string[]) => (mixes.length ? mixes.join(', ') : 'tidak ada');
/** `(#12)`, or after a /koreksi of it `(#12, dikoreksi #14 — belum dibayarkan lagi: /arisan bayarkan mawar 1)`. */
const payoutText = (arisan: Pick<ArisanInfo, 'name'>, win: WinView) =>
  win.entryNumber === null
    ? ''
    : win.reversedBy === null
      ? ` (#${win.entryNumber})`
      : ` (#${win.entryNumber}, dikoreksi #${win.reversedBy} — belum dibayarkan lagi: /arisan bayarkan ${arisan.name} ${win.round})`;

/** The exact command that redoes a draw, as README "Memeriksa kocokan" explains. */
const verifyCommand = (seed: string, list: readonly number[], mixes: readonly string[]) =>
  `npm run -s arisan:verify -- ${seed} ${listText(list)}${mixes.length ? ` angka ${mixes.join(',')}` : ''}`;

export const USAGE = {
  root: '/arisan [nama] · /arisan buat|ikut|tambah|bayar|kocok|bayarkan|keluar …',
  buat: '/arisan buat <nama> <iuran per putaran> <mingguan|bulanan|tiap rapat>',
  ikut: '/arisan ikut <nama> [2 nomor]',
  tambah: '/arisan tambah <nama arisan> <nama orang> [2 nomor] [baru]',
  bayar: '/arisan bayar <nama> [dari <orang>]',
  kocok: '/arisan kocok <nama> [angka <bilangan>]',
  bayarkan: '/arisan bayarkan <nama> <putaran>',
  keluar: '/arisan keluar <nama> nomor <no>',
} as const;

export const EXAMPLE = {
  buat: '/arisan buat mawar 50rb bulanan',
  ikut: '/arisan ikut mawar',
  tambah: '/arisan tambah mawar Mbah Karto 2 nomor',
  bayar: '/arisan bayar mawar dari Bu Sri',
  kocok: '/arisan kocok mawar',
  bayarkan: '/arisan bayarkan mawar 1',
  keluar: '/arisan keluar mawar nomor 4',
} as const;

export const arisanText = {
  usage: (which: keyof typeof EXAMPLE) => sharedText.usage(USAGE[which], EXAMPLE[which]),
  list: (wksbm: string, arisans: readonly ArisanInfo[]) =>
    arisans.length === 0
      ? `🎲 Belum ada arisan di ${wksbm}. Ketua atau bendahara membuatnya dengan ${USAGE.buat}\nContoh: ${EXAMPLE.buat}`
      : `🎲 Arisan di ${wksbm}:\n` +
        arisans
          .map((arisan) => `• ${arisan.name}: ${formatRupiah(arisan.contribution)} per nomor, ${FREQUENCY_LABEL[arisan.frequency]}`)
          .join('\n') +
        '\nLihat satu arisan: /arisan <nama>',
  nameInvalid: (word: string) =>
    `❌ "${word}" tidak bisa jadi nama arisan: pakai satu kata huruf kecil (boleh angka dan -), 2–23 huruf, ` +
    `bukan buat, ikut, tambah, bayar, kocok, riwayat, bayarkan atau keluar. Tidak ada yang dibuat.\nContoh: ${EXAMPLE.buat}`,
  amountRefused: (raw: string, problem: AmountProblem) => ledgerText.amountRefused(raw, problem, USAGE.buat, EXAMPLE.buat),
  notRupiah: () => `❌ Iuran arisan ditulis dalam rupiah. Tidak ada yang dibuat.\nContoh: ${EXAMPLE.buat}`,
  frequencyUnknown: (word: string) =>
    `❌ ${word ? `"${word}" bukan jadwal arisan` : 'Jadwalnya belum ditulis'}: pilih mingguan, bulanan atau tiap rapat. ` +
    `Tidak ada yang dibuat.\nContoh: ${EXAMPLE.buat}`,
  taken: (word: string) => `❌ Nama "${word}" sudah dipakai (arisan atau dana lain). Tidak ada yang dibuat.`,
  created: (arisan: ArisanInfo) =>
    `✅ ${title(arisan)} dibuat: iuran ${formatRupiah(arisan.contribution)} per nomor per putaran, ` +
    `${FREQUENCY_LABEL[arisan.frequency]}. Uangnya disimpan di dana ${arisan.fund.name}.\n` +
    `Ikut: /arisan ikut ${arisan.name} (dua nomor: /arisan ikut ${arisan.name} 2 nomor). ` +
    `Pengurus menambah peserta, juga yang tidak punya akun chat: /arisan tambah ${arisan.name} <nama>`,
  unknown: (word: string, arisans: readonly ArisanInfo[]) =>
    `❌ Arisan "${word}" tidak ada.` +
    (arisans.length ? ` Yang ada: ${arisans.map((arisan) => arisan.name).join(', ')}.` : ` Buat dengan ${USAGE.buat}`),
  nameMissing: (which: keyof typeof EXAMPLE) => `❌ Nama arisannya belum ditulis.\n${arisanText.usage(which)}`,
  historyNameMissing: () => '❌ Tulis nama arisannya: /arisan <nama> riwayat\nContoh: /arisan mawar riwayat',
  countInvalid: () => '❌ Satu orang boleh memegang 1 sampai 5 nomor. Tidak ada yang dicatat.',

  joined: (arisan: ArisanInfo, name: string, added: readonly number[], all: readonly number[], withoutAccount: boolean) =>
    `✅ ${name} ikut ${title(arisan)} dengan nomor ${numbers(added)}` +
    (all.length > added.length ? ` (sekarang memegang nomor ${numbers(all)})` : '') +
    `. Iuran ${formatRupiah(arisan.contribution * BigInt(all.length))} per putaran.` +
    (withoutAccount ? `\n${name} dicatat sebagai peserta tanpa akun chat.` : ''),
  alreadyJoined: (arisan: ArisanInfo, name: string, held: readonly number[]) =>
    `${name} sudah ikut ${title(arisan)} dengan nomor ${numbers(held)}. ` +
    `Untuk memegang nomor tambahan: /arisan ikut ${arisan.name} ${held.length + 1} nomor`,
  holderAmbiguous: (name: string, candidates: readonly string[]) =>
    `❌ "${name}" mirip dengan: ${candidates.join(', ')}. Tulis namanya lengkap; untuk peserta baru tanpa akun ` +
    `dengan nama persis "${name}", tambahkan kata baru di akhir. Tidak ada yang dicatat.`,
  holderMissing: () => `❌ Nama orangnya belum ditulis.\n${arisanText.usage('tambah')}`,
  holderNotFound: (arisan: ArisanInfo, name: string) =>
    `❌ Tidak ada peserta ${title(arisan)} bernama "${name}". Lihat pesertanya dengan /arisan ${arisan.name}`,

  paid: (arisan: ArisanInfo, name: string, round: number, shares: readonly number[], amount: bigint, entry: number, balance: bigint) =>
    `✅ #${entry} ${name} membayar ${title(arisan)} putaran ${round} untuk nomor ${numbers(shares)}: ${formatRupiah(amount)}. ` +
    `Saldo dana ${arisan.fund.name}: ${formatRupiah(balance)}`,
  noShares: (arisan: ArisanInfo, name: string) =>
    `❌ ${name} belum memegang nomor di ${title(arisan)}. Ikut dulu: /arisan ikut ${arisan.name}. Tidak ada yang dicatat.`,
  alreadyPaid: (arisan: ArisanInfo, name: string, round: number) =>
    `❌ ${name} sudah membayar ${title(arisan)} putaran ${round} untuk semua nomornya. Tidak ada yang dicatat.`,
  amountMismatch: (arisan: ArisanInfo, name: string, expected: bigint, unpaid: number, written: bigint) =>
    `❌ Setoran ${formatRupiah(written)} ke dana ${arisan.fund.name} tidak cocok: ${name} masih harus membayar ` +
    `${unpaid} nomor × ${formatRupiah(arisan.contribution)} = ${formatRupiah(expected)}. Tidak ada yang dicatat.\n` +
    `Catat dengan: /arisan bayar ${arisan.name} dari ${name}`,
  setorNeedsTreasury: (arisan: ArisanInfo) =>
    `❌ Setoran ke dana ${arisan.fund.name} adalah iuran ${title(arisan)}: dicatat oleh ketua atau bendahara yang ` +
    `menerima uangnya, dengan /arisan bayar ${arisan.name} dari <nama>. Tidak ada yang dicatat.`,

  committed: (arisan: ArisanInfo, round: CommittedView, delayText: string) =>
    `🎲 Kocok ${title(arisan)} putaran ${round.round} — tahap 1: komitmen\n` +
    `Yang bisa menang (${round.list.length} nomor, urut nomor): ${shareLine(round.list)}\n` +
    `Daftar: ${listText(round.list.map((share) => share.number))}\n` +
    `Komitmen (SHA-256 dari benih rahasia): ${round.commitment}\n` +
    `Siapa pun boleh ikut mengacak dengan satu bilangan: /arisan kocok ${arisan.name} angka <bilangan>\n` +
    `Pemenang dibuka otomatis ${delayText} dari sekarang, atau lebih dulu dengan /arisan kocok ${arisan.name} lagi setelah ${delayText}. ` +
    'Benihnya lalu dibuka, dan siapa pun bisa memeriksa hasilnya (README, "Memeriksa kocokan").',
  tooSoon: (arisan: ArisanInfo, round: CommittedView, revealAt: Date, timeZone: string) =>
    `⏳ Komitmen ${title(arisan)} putaran ${round.round} baru saja diumumkan. Agar semua sempat melihatnya dan ` +
    `menambah angka, pengundian bisa dilakukan mulai ${formatShortDateTime(revealAt, timeZone)}: ` +
    `/arisan kocok ${arisan.name}\nKomitmen: ${round.commitment}`,
  justDrawn: (arisan: ArisanInfo, win: WinView) =>
    `❌ ${title(arisan)} putaran ${win.round} baru saja dikocok: pemenangnya ${win.share.name} (nomor ${win.share.number}). ` +
    'Putaran berikutnya bisa dikocok sebentar lagi.',
  noSharesToDraw: (arisan: ArisanInfo) => `❌ ${title(arisan)} belum punya peserta. Ikut: /arisan ikut ${arisan.name}`,
  insufficient: (arisan: ArisanInfo, balance: bigint, pot: bigint) =>
    `❌ Saldo dana ${arisan.fund.name} ${formatRupiah(balance)}, kurang ${formatRupiah(pot - balance)} dari ` +
    `${formatRupiah(pot)} yang harus dibayarkan ke pemenang. Belum dikocok; periksa /riwayat ${arisan.fund.name}.`,
  /** The reveal the scheduler posts by itself once the delay is over. */
  autoRevealed: (arisan: ArisanInfo, drawn: DrawnRound, balance: bigint) =>
    `⏱️ Waktu tunggu komitmen selesai; kocokan dibuka otomatis.\n${arisanText.revealed(arisan, drawn, balance)}`,
  revealed: (arisan: ArisanInfo, drawn: DrawnRound, balance: bigint) =>
    `🎉 ${title(arisan)} putaran ${drawn.round} — tahap 2: pemenangnya ${drawn.share.name} (nomor ${drawn.share.number})!\n` +
    (drawn.entryNumber === null
      ? 'Belum ada yang membayar putaran ini, jadi tidak ada uang yang dibayarkan.\n'
      : `#${drawn.entryNumber} Dibayarkan ${formatRupiah(drawn.pot)} dari dana ${arisan.fund.name}. ` +
        `Saldo: ${formatRupiah(balance)}\n`) +
    `Benih: ${drawn.seed}\n` +
    `Angka tambahan: ${mixesText(drawn.mixes)}\n` +
    `Daftar: ${listText(drawn.list)}\n` +
    `Hitungan: SHA-256(benih|angka|daftar) mod ${drawn.list.length} = ${drawn.list.indexOf(drawn.share.number)}, ` +
    `yaitu urutan ke-${drawn.list.indexOf(drawn.share.number) + 1} di daftar.\n` +
    `Periksa: ${verifyCommand(drawn.seed, drawn.list, drawn.mixes)}`,
  mixed: (arisan: ArisanInfo, name: string, value: string, round: CommittedView) =>
    `✅ Angka ${value} dari ${name} ikut mengacak ${title(arisan)} putaran ${round.round}. ` +
    `Angka sejauh ini: ${mixesText(round.mixes)}`,
  mixInvalid: (arisan: ArisanInfo) =>
    `❌ Tulis satu bilangan bulat, 1–18 angka.\nContoh: /arisan kocok ${arisan.name} angka 4821`,
  nothingCommitted: (arisan: ArisanInfo) =>
    `❌ ${title(arisan)} belum dikocok tahap 1, jadi belum bisa ditambah angka. ` +
    `Ketua atau bendahara memulai dengan /arisan kocok ${arisan.name}`,
  alreadyMixed: (arisan: ArisanInfo, round: CommittedView) =>
    `❌ Anda sudah menambah angka untuk ${title(arisan)} putaran ${round.round}. Angka: ${mixesText(round.mixes)}`,

  status: (status: ArisanStatus, timeZone: string) => {
    const { arisan, shares } = status;
    const paid = new Set(status.paid);
    const won = new Set(status.wins.filter((win) => win.cycle === status.cycle).map((win) => win.share.number));
    return (
      `🎲 ${title(arisan)}: ${formatRupiah(arisan.contribution)} per nomor, ${FREQUENCY_LABEL[arisan.frequency]}\n` +
      `Putaran ${status.round} (siklus ${status.cycle}), ${shares.length} nomor.\n` +
      `Sudah bayar: ${shareLine(shares.filter((share) => paid.has(share.number)))}\n` +
      `Belum bayar: ${shareLine(shares.filter((share) => !paid.has(share.number)))}\n` +
      `Sudah menang di siklus ini: ${shareLine(shares.filter((share) => won.has(share.number)))}\n` +
      `Pot putaran ini: ${formatRupiah(status.pot)}` +
      status.wins
        .filter((win) => win.reversedBy !== null)
        .map((win) => `\n⚠️ Putaran ${win.round}: pembayaran ke ${win.share.name}${payoutText(arisan, win)}`)
        .join('') +
      (status.committed
        ? `\nSudah dikocok tahap 1 (${formatShortDateTime(status.committed.committedAt, timeZone)}), ` +
          `komitmen ${status.committed.commitment}; angka tambahan: ${mixesText(status.committed.mixes)}`
        : '') +
      `\nRiwayat: /arisan ${arisan.name} riwayat`
    );
  },
  history: (arisan: ArisanInfo, rounds: readonly DrawnRound[], timeZone: string) =>
    rounds.length === 0
      ? `📜 ${title(arisan)} belum pernah dikocok.`
      : `📜 Riwayat ${title(arisan)} (terbaru di atas):\n` +
        rounds
          .map(
            (round) =>
              `Putaran ${round.round} (siklus ${round.cycle}), ${formatShortDateTime(round.at, timeZone)}: ` +
              `${round.share.name} (nomor ${round.share.number}), ${formatRupiah(round.pot)}` +
              payoutText(arisan, round) +
              `\n   periksa: ${verifyCommand(round.seed, round.list, round.mixes)}`,
          )
          .join('\n'),

  // a payout corrected and paid again; a share leaving
  roundUnreadable: (which: 'bayarkan' | 'keluar') => `❌ ${sharedText.usage(USAGE[which], EXAMPLE[which])}`,
  repaid: (arisan: ArisanInfo, win: WinView, balance: bigint) =>
    `✅ #${win.entryNumber} ${title(arisan)} putaran ${win.round}: uang arisan ${formatRupiah(win.pot)} dibayarkan lagi ke ` +
    `${win.share.name} (nomor ${win.share.number}), pemenang hasil kocokan. Saldo ${arisan.fund.name}: ${formatRupiah(balance)}`,
  notDrawn: (arisan: ArisanInfo, round: number) => `❌ ${title(arisan)} putaran ${round} belum dikocok. Riwayat: /arisan ${arisan.name} riwayat`,
  notReversed: (arisan: ArisanInfo, win: WinView) =>
    win.entryNumber === null
      ? `❌ ${title(arisan)} putaran ${win.round} tidak punya uang arisan untuk dibayarkan (tidak ada yang membayar). Tidak ada yang dicatat.`
      : `❌ Pembayaran ${title(arisan)} putaran ${win.round} (#${win.entryNumber}) ke ${win.share.name} masih berlaku; ` +
        `tidak ada yang dibayarkan lagi. Bila pembayaran itu salah, batalkan dulu dengan /koreksi ${win.entryNumber} <alasan>.`,
  left: (arisan: ArisanInfo, share: ShareView) =>
    `✅ Nomor ${share.number} (${share.name}) keluar dari ${title(arisan)}. Nomor itu tidak dipakai lagi dan tidak ikut kocokan ` +
    'berikutnya; nomor peserta lain tidak berubah, dan riwayat kocokan yang lalu tetap bisa diperiksa.',
  leaveNotFound: (arisan: ArisanInfo, number: number) => `❌ ${title(arisan)} tidak punya nomor ${number}. Lihat pesertanya: /arisan ${arisan.name}`,
  alreadyLeft: (arisan: ArisanInfo, share: ShareView) => `❌ Nomor ${share.number} (${share.name}) sudah keluar dari ${title(arisan)}.`,
  leaveInDraw: (arisan: ArisanInfo, share: ShareView, round: number) =>
    `❌ Nomor ${share.number} (${share.name}) ada di daftar kocokan putaran ${round} yang sudah diumumkan; daftar itu tidak boleh ` +
    `berubah sebelum pemenangnya dibuka. Keluarkan sesudah /arisan kocok ${arisan.name} tahap 2.`,
  leaveWon: (arisan: ArisanInfo, share: ShareView, cycle: number) =>
    `❌ Nomor ${share.number} (${share.name}) sudah menang di siklus ${cycle} dan masih wajib membayar putaran berikutnya ` +
    `sampai siklus selesai. Tidak ada yang diubah.`,
  leavePaid: (arisan: ArisanInfo, share: ShareView, round: number) =>
    `❌ Nomor ${share.number} (${share.name}) sudah membayar putaran ${round}. Kembalikan dulu uangnya dengan /koreksi ` +
    'pembayaran itu, supaya pot putaran ini tetap tepat. Tidak ada yang diubah.',
};
