/**
 * Every sentence of the LPJ in Bahasa Indonesia: the chat answers of /laporan and /profil, and the
 * headings and labels the PDF, XLSX and CSV print, so a word changes in one place for all of them.
 */
import { DateTime } from 'luxon';
import type { FundInfo, WksbmInfo } from '../shared/ports.js';
import type { FundUnit } from '../shared/quantity.js';
import { formatRupiah } from '../shared/format.js';
import { zoneLabel } from '../meetings/time-zone.js';
import type { ArisanRoundLine, FundTotals, ProofLine, ReportModel, ReportProfile, ReportVariant } from './model.js';
import { dayLabel, type PeriodProblem, type ReportPeriod } from './period.js';
import type { ProfileField } from './ports.js';

const fundName = (fund: Pick<FundInfo, 'name'>): string => fund.name.charAt(0).toUpperCase() + fund.name.slice(1);
/**
 * An amount with its unit as the LPJ prints it. Goods get thousands dots like rupiah ("2.213,5 kg"), as
 * a printed Indonesian report writes numbers and as its buku kas columns do; chat answers leave them out
 * so that what the bot says can be typed back.
 */
const amount = (fund: Pick<FundInfo, 'unit'>, value: bigint): string =>
  fund.unit === 'IDR' ? formatRupiah(value) : `${plainAmount(fund, value, true)} ${UNIT_LABEL[fund.unit]}`;

/** "M.K." for "Mbah Karto": what the group version shows of a person helped. */
export function initials(name: string): string {
  const letters = name
    .split(/[\s.,-]+/)
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => `${word.charAt(0).toUpperCase()}.`);
  return letters.join('') || '–';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Zone offsets by hour: a year's buku kas formats 100,000 dates, and a zone lookup costs far more than the cache. */
const offsets = new Map<string, number>();

/** A Date whose UTC fields read as the wall clock in the zone. */
export function wallClock(at: Date, timeZone: string): Date {
  const key = `${timeZone}:${Math.floor(at.getTime() / 3_600_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = DateTime.fromJSDate(at, { zone: timeZone }).offset;
    offsets.set(key, offset);
  }
  return new Date(at.getTime() + offset * 60_000);
}

/**
 * An amount without its unit, for a column whose heading names it: rupiah whole, goods with a decimal
 * comma. `grouped` puts thousands dots in ("1.250.000", the PDF); spreadsheets want them out ("1250000",
 * which Indonesian Excel reads as a number).
 */
export function plainAmount(fund: Pick<FundInfo, 'unit'>, value: bigint, grouped: boolean): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const whole = (fund.unit === 'IDR' ? abs : abs / 1000n).toString();
  const fraction = fund.unit === 'IDR' ? '' : (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${sign}${grouped ? whole.replace(/\B(?=(?:\d{3})+$)/g, '.') : whole}${fraction ? `,${fraction}` : ''}`;
}

const UNIT_LABEL: Record<FundUnit, string> = { IDR: 'Rupiah', kg: 'kg', liter: 'liter' };

const PERIOD_EXAMPLES =
  'Contoh periode: bulan ini, bulan lalu, November 2026, 11/2026, 2026, tahun lalu, triwulan 3 2026, semester 1, 1/1/2026-30/6/2026.';

const PROBLEM: Record<PeriodProblem, string> = {
  unknown: 'periodenya tidak saya kenali',
  future: 'periode itu belum dimulai',
  reversed: 'tanggal akhirnya sebelum tanggal awal',
  'bad-date': 'tanggalnya tidak ada di kalender',
};

const PROFILE_LABEL: Record<ProfileField, string> = {
  desa: 'Desa/Kelurahan',
  kecamatan: 'Kecamatan',
  kabupaten: 'Kabupaten/Kota',
  ketua: 'Ketua (tanda tangan)',
  bendahara: 'Bendahara (tanda tangan)',
};

function totalsLine(totals: FundTotals): string {
  const { fund } = totals;
  return (
    `• ${fundName(fund)}: saldo awal ${amount(fund, totals.opening)}, masuk ${amount(fund, totals.receipts)}, ` +
    `keluar ${amount(fund, totals.spending)}, saldo akhir ${amount(fund, totals.closing)}`
  );
}

export const reportText = {
  // Dates and names as the documents print them.
  /** "26 November 2026 14.05 WIB" in the WKSBM's zone. */
  dateTime: (at: Date, timeZone: string) => {
    const local = DateTime.fromJSDate(at, { zone: timeZone });
    return `${dayLabel(local)} ${local.toFormat('HH.mm')} ${zoneLabel(timeZone)}`;
  },
  day: (at: Date, timeZone: string) => dayLabel(DateTime.fromJSDate(at, { zone: timeZone })),
  /** "26/11/2026 14.05": the CSV's column, which Excel set to Indonesian reads as a date. */
  shortDateTime: (at: Date, timeZone: string) => {
    const local = wallClock(at, timeZone);
    return `${reportText.shortDate(at, timeZone)} ${pad(local.getUTCHours())}.${pad(local.getUTCMinutes())}`;
  },
  /** "26/11/2026": the buku kas column. */
  shortDate: (at: Date, timeZone: string) => {
    const local = wallClock(at, timeZone);
    return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  },
  amount,
  fundName,
  unit: (unit: FundUnit) => UNIT_LABEL[unit],
  periodRange: (period: ReportPeriod, timeZone: string) => {
    const last = new Date(period.to.getTime() - 1);
    const range = `${reportText.day(period.from, timeZone)} s.d. ${reportText.day(last, timeZone)}`;
    return period.partial ? `${range} (sampai laporan ini dibuat)` : range;
  },
  fileName: (wksbm: WksbmInfo, period: ReportPeriod, variant: ReportVariant, extension: string) => {
    const slug = wksbm.name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 40);
    return `LPJ-${slug || `WKSBM-${wksbm.id}`}-${period.slug}${variant === 'rahasia' ? '-RAHASIA' : ''}.${extension}`;
  },

  // Group labels of the read model.
  memberDues: () => 'Setoran anggota',
  noNote: () => 'Tanpa keterangan',
  caseAid: () => 'Bantuan untuk warga (kasus)',
  otherGroups: (count: number) => `Lain-lain (${count} keterangan)`,
  erasedRecipient: () => '(data dihapus)',
  lineDescription: (line: { kind: 'setor' | 'keluar' | 'koreksi'; note: string | null; reverses: number | null; aidCategory: string | null }) => {
    if (line.kind === 'koreksi') return `Koreksi atas #${line.reverses}${line.note ? `: ${line.note}` : ''}`;
    if (line.aidCategory) return `Bantuan ${line.aidCategory}${line.note ? `: ${line.note}` : ''}`;
    return line.note ?? (line.kind === 'setor' ? 'Setoran' : 'Pengeluaran');
  },

  // Document headings.
  title: () => 'LAPORAN PERTANGGUNGJAWABAN',
  subtitle: (period: ReportPeriod) => `Keuangan dan Kegiatan — ${period.label}`,
  place: (profile: ReportProfile) =>
    [
      profile.desa && `Desa/Kelurahan ${profile.desa}`,
      profile.kecamatan && `Kecamatan ${profile.kecamatan}`,
      profile.kabupaten && profile.kabupaten,
    ]
      .filter(Boolean)
      .join(', ') || 'Alamat belum diisi (atur dengan /profil)',
  variantNote: (variant: ReportVariant) =>
    variant === 'rahasia'
      ? 'RAHASIA — memuat nama warga penerima bantuan. Hanya untuk pengurus dan Dinas Sosial; jangan dibagikan di grup.'
      : 'Versi untuk anggota: penerima bantuan ditulis dengan kategori dan inisial saja.',
  sections: {
    summary: 'I. Ringkasan Keuangan per Dana',
    groups: 'II. Rincian Penerimaan dan Pengeluaran',
    aid: 'III. Bantuan yang Disalurkan',
    meetings: 'IV. Kegiatan dan Rapat',
    arisan: 'V. Arisan: Putaran dan Pemenang',
    santunan: 'VI. Santunan Duka',
    closing: 'VII. Penutup',
    ledger: 'Lampiran: Buku Kas',
    proofs: 'Lampiran: Daftar Bukti Transaksi',
  },
  columns: {
    fund: 'Dana',
    unit: 'Satuan',
    opening: 'Saldo Awal',
    receipts: 'Penerimaan',
    spending: 'Pengeluaran',
    closing: 'Saldo Akhir',
    number: 'No.',
    date: 'Tanggal',
    description: 'Uraian',
    party: 'Dari/Kepada',
    in: 'Masuk',
    out: 'Keluar',
    balance: 'Saldo',
    kind: 'Jenis',
    reverses: 'Koreksi atas No.',
    source: 'Sumber / keterangan',
    purpose: 'Keperluan',
    count: 'Jumlah transaksi',
    total: 'Jumlah',
    category: 'Kategori PPKS',
    cases: 'Kasus',
    disbursements: 'Penyaluran',
    recipient: 'Penerima',
    caseNumber: 'Kasus',
    meeting: 'Rapat',
    place: 'Tempat',
    attended: 'Hadir (absen)',
    rsvp: 'Konfirmasi hadir/izin',
    minutes: 'Notulen (baris pertama)',
    status: 'Status',
    arisan: 'Arisan',
    round: 'Putaran',
    winner: 'Pemenang (nomor)',
    pot: 'Uang arisan',
    payout: 'Dibayar (No.)',
    duka: 'Duka',
    deceased: 'Almarhum/almarhumah',
    proofHash: 'SHA-256 (awal)',
    proof: 'Bukti (SHA-256 awal)',
  },
  /** The start of a proof photo's SHA-256 that the LPJ prints: enough to tell one photo from another. */
  proofHash: (sha256: string) => sha256.slice(0, 12),
  /** A proved entry's effect on its fund, as the annex prints it: a pengeluaran is negative. */
  proofEffect: (line: Pick<ProofLine, 'kind' | 'amount'>) => (line.kind === 'keluar' ? -line.amount : line.amount),
  proofsNote: () =>
    'Foto bukti/nota dapat diminta pengurus dengan /bukti <no>. Awal sidik SHA-256 di sini memastikan fotonya sama dengan yang dicatat.',
  /** `#12`, `#12 (dikoreksi #14)`, or a dash for a round nobody paid. */
  payout: (entryNumber: number | null, reversedBy: number | null) =>
    entryNumber === null ? '—' : `#${entryNumber}${reversedBy === null ? '' : ` (dikoreksi #${reversedBy})`}`,
  winnerOf: (line: ArisanRoundLine) => `${line.winner} (nomor ${line.share})`,
  receiptsOf: (fund: FundInfo) => `Penerimaan ${fundName(fund)}`,
  spendingOf: (fund: FundInfo) => `Pengeluaran ${fundName(fund)}`,
  ledgerOf: (fund: FundInfo) => `Dana ${fundName(fund)} (${UNIT_LABEL[fund.unit]})`,
  ledgerContinued: (fund: FundInfo) => `Buku Kas Dana ${fundName(fund)} (lanjutan)`,
  openingRow: () => 'Saldo awal periode',
  carriedIn: () => 'Pindahan dari halaman sebelumnya',
  carriedOut: () => 'Jumlah dipindahkan ke halaman berikut',
  closingRow: () => 'Jumlah periode / saldo akhir',
  nothing: () => 'Tidak ada.',
  noEntries: () => 'Tidak ada transaksi pada periode ini.',
  meetingKind: (kind: 'rutin' | 'insidental', cancelled: boolean) => (cancelled ? `${kind} (batal)` : kind),
  pendingNote: (count: number) =>
    `${count} setoran anggota masih menunggu pengesahan ketua/bendahara; belum dihitung dalam laporan ini.`,
  reconcileNote: () =>
    'Saldo akhir setiap dana sama dengan saldo awal ditambah penerimaan dikurangi pengeluaran. Koreksi dicatat sebagai baris tersendiri yang menyebut nomor catatan yang dibetulkan.',
  closingText: (period: ReportPeriod) =>
    `Demikian laporan pertanggungjawaban ${period.label} ini kami buat dengan sebenar-benarnya dari catatan buku kas WKSBM, ` +
    'untuk dipergunakan sebagaimana mestinya.',
  signPlace: (profile: ReportProfile, at: Date, timeZone: string) => `${profile.desa ?? '…………'}, ${reportText.day(at, timeZone)}`,
  signRole: (role: 'ketua' | 'bendahara') => (role === 'ketua' ? 'Ketua' : 'Bendahara'),
  signName: (name: string | null) => name ?? '(……………………………)',
  made: (at: Date, timeZone: string) => `Dibuat: ${reportText.dateTime(at, timeZone)}`,
  page: (page: number, pages: number) => `hal. ${page} dari ${pages}`,

  // Chat answers.
  summary: (model: ReportModel, files: 'sent' | 'pengurus-only' | 'none') => {
    const lines = [
      `📊 Laporan ${model.wksbm.name} — ${model.period.label}`,
      reportText.periodRange(model.period, model.wksbm.timeZone),
      '',
      ...(model.funds.length ? model.funds.map(totalsLine) : ['Belum ada dana.']),
    ];
    const aid = model.aid.lines.length;
    if (aid) lines.push('', `🤝 Bantuan disalurkan: ${aid} kali untuk ${new Set(model.aid.lines.map((line) => line.caseNumber)).size} kasus.`);
    const rounds = model.arisan.filter((line) => line.reversedBy === null);
    if (rounds.length) {
      lines.push(`🎲 Arisan: ${rounds.length} putaran dikocok, uang arisan ${formatRupiah(rounds.reduce((sum, line) => sum + line.pot, 0n))} dibayarkan ke pemenangnya.`);
    }
    if (model.santunan.length) {
      const dukas = new Set(model.santunan.map((line) => line.dukaNumber)).size;
      lines.push(`🕊️ Santunan duka: ${formatRupiah(model.santunan.reduce((sum, line) => sum + line.amount, 0n))} untuk ${dukas} keluarga.`);
    }
    const held = model.meetings.filter((meeting) => !meeting.cancelled);
    if (held.length) {
      lines.push(`🗓️ Kegiatan: ${held.length} rapat, ${held.reduce((sum, meeting) => sum + meeting.attended, 0)} kehadiran tercatat.`);
    }
    if (model.pendingSubmissions) lines.push(`⏳ ${reportText.pendingNote(model.pendingSubmissions)}`);
    if (files === 'sent') lines.push('', '📎 Berkas PDF, Excel (XLSX) dan CSV menyusul di chat ini.');
    if (files === 'pengurus-only') lines.push('', 'Berkas lengkap (PDF, Excel, CSV) dikirim bila pengurus yang meminta.');
    return lines.join('\n');
  },
  monthly: (model: ReportModel) =>
    `🗓️ Laporan bulanan otomatis.\n${reportText.summary(model, 'none')}\n\n📎 LPJ ${model.period.label} (PDF) terlampir. ` +
    'Matikan dengan: /laporan otomatis mati',
  periodRefused: (typed: string, problem: PeriodProblem) => `❌ "${typed}": ${PROBLEM[problem]}.\n${PERIOD_EXAMPLES}`,
  confidentialInGroup: () =>
    '🔒 Versi rahasia (dengan nama penerima bantuan) hanya dikirim lewat chat pribadi. Kirim /laporan rahasia ke bot secara pribadi.',
  meantLapor: () =>
    'Maksud Anda /lapor? Untuk melaporkan warga yang membutuhkan bantuan, ketik /lapor.\n' +
    '/laporan adalah laporan keuangan WKSBM dan hanya untuk pengurus.',
  chooseWksbm: (list: readonly WksbmInfo[]) =>
    `Anda pengurus di beberapa WKSBM. Sebutkan kodenya:\n${list.map((wksbm) => `• ${wksbm.id}: ${wksbm.name}`).join('\n')}\n` +
    `Contoh: /laporan rahasia ${list[0]!.id} bulan lalu`,
  autoUsage: () => 'Format: /laporan otomatis bulanan  ·  /laporan otomatis mati',
  autoOnlyPengurus: () => 'Maaf, laporan otomatis hanya bisa diatur oleh pengurus (ketua, bendahara atau sekretaris).',
  autoSet: (on: boolean) =>
    on
      ? '✅ Laporan bulanan otomatis aktif: setiap tanggal 1 pukul 08.00 ringkasan dan LPJ bulan sebelumnya dikirim ke grup ini.'
      : '✅ Laporan bulanan otomatis dimatikan. Aktifkan lagi dengan: /laporan otomatis bulanan',
  profile: (profile: ReportProfile) =>
    [
      '🏷️ Profil untuk kop dan tanda tangan LPJ:',
      `• ${PROFILE_LABEL.desa}: ${profile.desa ?? '–'}`,
      `• ${PROFILE_LABEL.kecamatan}: ${profile.kecamatan ?? '–'}`,
      `• ${PROFILE_LABEL.kabupaten}: ${profile.kabupaten ?? '–'}`,
      `• ${PROFILE_LABEL.ketua}: ${profile.ketua ?? '–'}`,
      `• ${PROFILE_LABEL.bendahara}: ${profile.bendahara ?? '–'}`,
      `• Laporan bulanan otomatis: ${profile.autoMonthly ? 'aktif' : 'mati'}`,
      '',
      'Ubah dengan: /profil desa|kecamatan|kabupaten|ketua|bendahara <isi>',
      'Contoh: /profil kecamatan Playen',
    ].join('\n'),
  profileSet: (field: ProfileField, profile: ReportProfile) => `✅ ${PROFILE_LABEL[field]} disimpan.\n\n${reportText.profile(profile)}`,
  profileUsage: () =>
    'Format: /profil desa|kecamatan|kabupaten|ketua|bendahara <isi>\nContoh: /profil kabupaten Kabupaten Gunungkidul',
  profileTooLong: (max: number) => `❌ Isinya terlalu panjang (paling banyak ${max} huruf). Tidak ada yang diubah.`,
};
