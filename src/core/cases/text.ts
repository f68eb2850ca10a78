/**
 * Every sentence about reports of people in need (laporan, kasus), in Bahasa Indonesia. Replies that are
 * stored with their inbound message (confirmations, status changes) never repeat a report's personal
 * data, so erasing a case leaves none behind; only `/kasus <no>`, which is read and never stored, shows it.
 */
import type { CaseStatus, CaseSummary, CaseView, DraftStep, Membership, Urgency } from './ports.js';
import { PPKS, ppksLabel } from './ppks.js';
import type { FundInfo, WksbmInfo } from '../shared/ports.js';
import type { Quantity } from '../shared/quantity.js';
import { formatShortDateTime } from '../shared/date.js';
import { formatQuantity } from '../shared/format.js';
import { fundLabel } from '../ledger/text.js';

const URGENCY_LABEL: Record<Urgency, string> = { mendesak: 'Mendesak', segera: 'Segera', biasa: 'Biasa' };
const STATUS_ICON: Record<CaseStatus, string> = {
  baru: '🆕',
  diverifikasi: '🔎',
  ditangani: '🤝',
  selesai: '✅',
  ditolak: '🚫',
  dibatalkan: '↩️',
};

const cancelHint = 'Ketik batal untuk membatalkan laporan.';

const PROMPT: Record<Exclude<DraftStep, 'wksbm'>, string> = {
  kategori:
    'Termasuk kategori apa? Balas dengan nomor atau namanya:\n' +
    PPKS.map((category, index) => `${index + 1}. ${category.label}`).join('\n'),
  subjek: 'Siapa yang perlu dibantu? Tulis nama atau inisialnya (misalnya: Mbah S).',
  lokasi: 'Di mana? Tulis RT/RW dan alamat atau patokannya.',
  uraian: 'Apa yang terjadi, dan bantuan apa yang dibutuhkan?',
  urgensi: 'Seberapa mendesak?\n1. Mendesak (hari ini)\n2. Segera (minggu ini)\n3. Biasa',
  foto: 'Ada foto? Kirim satu foto, atau ketik lewati.',
  anonim:
    'Apakah nama Anda boleh dilihat pengurus?\n1. Ya, tampilkan nama saya\n2. Tidak, anonim (pengurus tidak akan tahu siapa pelapornya)',
};

const amountOf = (fund: Pick<FundInfo, 'unit'>, value: bigint) => formatQuantity({ unit: fund.unit, value } as Quantity);

export const casesText = {
  // starting
  reportInGroup: (wksbm: WksbmInfo | null, link: string | null) =>
    '🔒 Laporan warga yang membutuhkan bantuan dibuat lewat chat pribadi dengan bot, bukan di grup, ' +
    'agar tidak terbaca orang lain. Pesan ini tidak dicatat.\n' +
    (link
      ? `Buka: ${link}`
      : `Kirim pesan pribadi ke bot ini: /lapor${wksbm ? ` ${wksbm.id}` : ''}`),
  wksbmUnknown: (code: string) => `❌ Kode WKSBM "${code}" tidak dikenal. Minta kodenya dengan mengetik /lapor di grup WKSBM Anda.`,
  askWksbm: (memberships: readonly Membership[]) =>
    memberships.length === 0
      ? '📝 Laporan untuk WKSBM mana? Tulis kode WKSBM-nya (didapat dengan mengetik /lapor di grup WKSBM).\n' + cancelHint
      : '📝 Laporan untuk WKSBM mana? Balas dengan nomornya:\n' +
        memberships.map((membership, index) => `${index + 1}. ${membership.wksbm.name}`).join('\n') +
        `\n${cancelHint}`,
  started: (wksbm: WksbmInfo) => `📝 Laporan untuk ${wksbm.name}. ${cancelHint}\n\n${PROMPT.kategori}`,
  prompt: (step: Exclude<DraftStep, 'wksbm'>) => PROMPT[step],
  notUnderstood: (step: DraftStep) =>
    `❌ Jawaban belum terbaca. ${cancelHint}\n\n` + (step === 'wksbm' ? 'Balas dengan nomor atau kode WKSBM.' : PROMPT[step]),
  tooLong: (max: number) => `❌ Terlalu panjang: paling banyak ${max} huruf. Tulis lebih singkat. ${cancelHint}`,
  cancelled: () => '🗑️ Laporan dibatalkan. Tidak ada yang disimpan.',
  reportInPrivateOnly: () => '/lapor dipakai di chat pribadi dengan bot.',

  // submitted
  submitted: (number: number, wksbm: WksbmInfo, anonymous: boolean) =>
    `✅ Laporan diterima sebagai kasus #${number} untuk ${wksbm.name}.\n` +
    `👁️ Yang dapat melihat laporan ini hanya pengurus ${wksbm.name} (ketua, bendahara, sekretaris); ` +
    'tidak pernah anggota lain atau grup.\n' +
    (anonymous
      ? '🕶️ Anda anonim: pengurus tidak melihat siapa pelapornya.\n'
      : '👤 Pengurus melihat nama Anda sebagai pelapor.\n') +
    `Anda akan diberi tahu setiap perubahan status. Menarik laporan: /lapor batal ${number}`,
  newCaseNotice: (number: number, wksbm: WksbmInfo, category: string, urgency: Urgency) =>
    `🆕 Laporan baru #${number} di ${wksbm.name}: ${ppksLabel(category)}, ${URGENCY_LABEL[urgency]}.\n` +
    `Lihat: /kasus ${number} (di chat pribadi dengan bot)`,

  // /kasus
  pengurusOnly: () =>
    '🔒 /kasus hanya untuk pengurus WKSBM, di chat pribadi dengan bot atau di chat khusus pengurus.',
  caseNotFound: (number: number) => `❌ Kasus #${number} tidak ditemukan.`,
  kasusUsage: () =>
    'Format: /kasus · /kasus <no> · /kasus <no> verifikasi|tangani|selesai|tolak <catatan> · /kasus <no> hapus-data\n' +
    'Contoh: /kasus 7 verifikasi sudah dikunjungi',
  rejectNeedsNote: () => '❌ Alasan penolakan belum ditulis.\nContoh: /kasus 7 tolak sudah dibantu dinas',
  noOpenCases: () => '📋 Tidak ada kasus terbuka.',
  openCases: (cases: readonly CaseSummary[], severalWksbm: boolean) =>
    `📋 Kasus terbuka (${cases.length}), paling mendesak di atas:\n` +
    cases
      .map(
        (item) =>
          `${STATUS_ICON[item.status]} #${item.number} [${URGENCY_LABEL[item.urgency]}] ${ppksLabel(item.category)} — ` +
          `${item.subject} — ${item.status}` +
          (severalWksbm ? ` — ${item.wksbm.name}` : ''),
      )
      .join('\n') +
    '\nRincian: /kasus <no>',
  caseView: (item: CaseView) => {
    const zone = item.wksbm.timeZone;
    const lines = [
      `${STATUS_ICON[item.status]} Kasus #${item.number} — ${item.wksbm.name}`,
      `Status: ${item.status}${item.erased ? ' (data pribadi sudah dihapus)' : ''}`,
      `Kategori: ${ppksLabel(item.category)}`,
      `Urgensi: ${URGENCY_LABEL[item.urgency]}`,
      `Yang perlu dibantu: ${item.subject}`,
      `Lokasi: ${item.location}`,
      `Uraian: ${item.description}`,
      `Foto: ${item.hasPhoto ? 'ada' : 'tidak ada'}`,
      `Pelapor: ${item.anonymous ? 'anonim' : (item.reporterName ?? '-')}`,
      `Dilaporkan: ${formatShortDateTime(item.createdAt, zone)}`,
      'Riwayat:',
      ...item.events.map(
        (event) =>
          `• ${formatShortDateTime(event.at, zone)} ${event.from ? `${event.from} → ` : ''}${event.to} oleh ${event.by}` +
          (event.note ? `: ${event.note}` : ''),
      ),
    ];
    if (item.disbursements.length) {
      lines.push(
        'Bantuan yang diberikan:',
        ...item.disbursements.map(
          (given) =>
            `• #${given.entryNumber} ${formatShortDateTime(given.at, zone)} ${amountOf(given.fund, given.amount)} dari ${fundLabel(given.fund)}`,
        ),
      );
    }
    return lines.join('\n');
  },
  moved: (number: number, from: CaseStatus, to: CaseStatus, reporterTold: boolean) =>
    `${STATUS_ICON[to]} Kasus #${number}: ${from} → ${to}.` + (reporterTold ? ' Pelapor diberi tahu.' : ''),
  cannotMove: (number: number, status: CaseStatus, to: CaseStatus) =>
    `❌ Kasus #${number} berstatus ${status}, jadi tidak bisa menjadi ${to}. ` +
    'Urutannya: baru → diverifikasi → ditangani → selesai (atau ditolak selama masih terbuka).',
  reporterNotice: (number: number, to: CaseStatus, note: string | null) =>
    `${STATUS_ICON[to]} Laporan Anda #${number} sekarang: ${to}.` + (note ? `\nCatatan pengurus: ${note}` : ''),

  // withdraw and erase
  withdrawn: (number: number) => `↩️ Laporan #${number} Anda tarik. Pengurus sudah diberi tahu.`,
  withdrawnNotice: (number: number, wksbm: WksbmInfo) => `↩️ Laporan #${number} di ${wksbm.name} ditarik oleh pelapor.`,
  withdrawUsage: () => 'Format: /lapor batal <no>\nContoh: /lapor batal 7',
  eraseKetuaOnly: () => '❌ Hanya ketua yang bisa menghapus data pribadi sebuah kasus.',
  erased: (number: number) =>
    `🧹 Data pribadi kasus #${number} dihapus. Yang tersisa untuk pertanggungjawaban: kategori, riwayat status dan bantuan yang diberikan.`,
  alreadyErased: (number: number) => `Data pribadi kasus #${number} sudah dihapus sebelumnya.`,
  erasedPlaceholder: '[dihapus]',
  erasedNote: 'data pribadi dihapus atas permintaan',

  // /keluar … kasus n
  disbursed: (number: number) => `Dicatat sebagai bantuan untuk kasus #${number}.`,

  // /mulai pengurus
  pengurusChatLinked: (wksbm: WksbmInfo) =>
    `🔒 Chat ini sekarang chat khusus pengurus ${wksbm.name}: laporan baru diberitahukan di sini, dan /kasus bisa dipakai di sini. ` +
    'Pastikan hanya pengurus yang ada di chat ini.',
  pengurusChatIsMembersGroup: (wksbm: WksbmInfo) =>
    `❌ Chat ini grup anggota ${wksbm.name}, jadi tidak bisa menjadi chat khusus pengurus. Buat grup baru berisi pengurus saja.`,
  pengurusChatAlready: (wksbm: WksbmInfo) => `Chat ini sudah menjadi chat khusus pengurus ${wksbm.name}.`,
  pengurusChatNeedsPengurus: () => '❌ Hanya pengurus WKSBM yang bisa menjadikan chat ini chat khusus pengurus.',
  pengurusChatWhich: (memberships: readonly Membership[]) =>
    '❌ Anda pengurus di beberapa WKSBM. Tulis kodenya: ' +
    memberships.map((membership) => `/mulai pengurus ${membership.wksbm.id} (${membership.wksbm.name})`).join(', '),
  pengurusChatCannotStart: () =>
    '❌ Chat ini chat khusus pengurus, jadi tidak bisa didaftarkan sebagai grup anggota WKSBM.',
  pengurusChatInPrivate: () => '/mulai pengurus dipakai di grup berisi pengurus saja, bukan di chat pribadi.',
};
