/** What the bot says about the dashboard, in Bahasa Indonesia. */
import type { WksbmInfo } from '../shared/ports.js';
import { formatShortDateTime } from '../shared/date.js';
import type { PendampingView } from './ports.js';

export const LOGIN_MINUTES = 10;
export const INVITE_DAYS = 3;

export const dashboardText = {
  loginLink: (url: string) =>
    `🔐 Tautan masuk dasbor (berlaku ${LOGIN_MINUTES} menit, hanya sekali pakai):\n${url}\n` +
    'Jangan bagikan tautan ini kepada siapa pun. Untuk keluar dari dasbor di semua perangkat: /dasbor keluar',
  loginAlreadySent: () => 'Tautan untuk pesan ini sudah dikirim sebelumnya. Ketik /dasbor lagi untuk tautan baru.',
  privateOnly: () =>
    '🔒 /dasbor hanya bisa di chat pribadi dengan bot, supaya tautan masuknya tidak terlihat orang lain. Buka chat pribadi dengan bot, lalu ketik /dasbor.',
  noAccess: () =>
    'Dasbor hanya untuk pengurus WKSBM (ketua, bendahara, sekretaris) dan pendamping yang diundang ketua. Anda belum memegang peran itu.',
  notEnabled: () => 'Dasbor belum diaktifkan di server ini (PUBLIC_URL belum diatur). Hubungi pengelola server bot.',
  sessionsEnded: (count: number) =>
    count > 0
      ? `✅ Anda sudah keluar dari dasbor di semua perangkat (${count} sesi diakhiri).`
      : 'Tidak ada sesi dasbor yang aktif. Tidak ada yang perlu diakhiri.',
  refuseNeedsReason: () => '❌ Tulis alasan penolakan: anggota yang menyetor akan membacanya di grup.',
  dasborUsage: () => 'Ketik /dasbor untuk tautan masuk, atau /dasbor keluar untuk keluar di semua perangkat.',

  invite: (wksbm: WksbmInfo, code: string) =>
    `🤝 Kode undangan pendamping ${wksbm.name}: ${code}\n` +
    `Berikan hanya kepada pendamping (petugas Dinas Sosial, TKSK, PSM). Ia mengirim "/pendamping ${code}" ke bot di chat pribadi. ` +
    `Berlaku ${INVITE_DAYS} hari, sekali pakai. Pendamping hanya bisa melihat ringkasan, tanpa nama atau rincian orang dalam laporan kasus.`,
  inviteAlreadySent: () => 'Kode undangan untuk pesan ini sudah dikirim sebelumnya. Ketik /pendamping undang lagi untuk kode baru.',
  redeemed: (wksbm: WksbmInfo) =>
    `✅ Anda sekarang pendamping ${wksbm.name}. Ketik /dasbor untuk tautan masuk ke dasbor (hanya baca).`,
  alreadyPendamping: (wksbm: WksbmInfo) => `Anda sudah menjadi pendamping ${wksbm.name}. Ketik /dasbor untuk masuk.`,
  inviteInvalid: () =>
    '❌ Kode itu tidak berlaku: salah ketik, sudah dipakai, atau sudah lewat ' +
    `${INVITE_DAYS} hari. Minta kode baru kepada ketua WKSBM (/pendamping undang).`,
  redeemInPrivate: () => '🔒 Kirim kode undangan pendamping di chat pribadi dengan bot, bukan di grup.',
  ketuaOnly: () => 'Hanya ketua yang bisa mengundang atau menghapus pendamping.',
  needsWksbm: () => 'Ketik /pendamping undang di grup WKSBM yang sudah terdaftar (/mulai).',
  removed: (wksbm: WksbmInfo, name: string) => `✅ ${name} tidak lagi menjadi pendamping ${wksbm.name}; aksesnya ke dasbor berhenti saat itu juga.`,
  pendampingNotFound: (name: string, current: readonly PendampingView[]) =>
    `❌ Tidak ada pendamping bernama "${name}".` +
    (current.length ? ` Pendamping sekarang: ${current.map((p) => p.person.name).join(', ')}.` : ' Belum ada pendamping.'),
  pendampingList: (wksbm: WksbmInfo, current: readonly PendampingView[]) =>
    current.length
      ? `🤝 Pendamping ${wksbm.name}:\n` +
        current.map((p) => `• ${p.person.name} (sejak ${formatShortDateTime(p.since, wksbm.timeZone)})`).join('\n') +
        '\nKetua: /pendamping undang · /pendamping hapus <nama>'
      : `Belum ada pendamping untuk ${wksbm.name}. Ketua mengundang dengan /pendamping undang.`,
  pendampingUsage: () =>
    'Pemakaian: /pendamping (daftar) · /pendamping undang · /pendamping hapus <nama> (ketua, di grup) · /pendamping <kode> (pendamping, di chat pribadi)',
};
