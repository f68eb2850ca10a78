/**
 * Sentences every capability shares, in Bahasa Indonesia: unknown commands, where and by whom a command
 * may be used, usage lines, help and the server error. Each is a named function, like every capability's
 * `text.ts`, so a translation can follow later without an i18n library now.
 */
import type { BoundedField, TooLong } from './bounds.js';
import { formatCount } from './format.js';
import type { Role } from './roles.js';

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

/** What each bounded field is called in a refusal. */
const FIELD_LABEL: Record<BoundedField, string> = {
  wksbmName: 'Nama WKSBM',
  personName: 'Nama',
  fundName: 'Nama dana',
  householdName: 'Nama KK',
  address: 'Alamat',
  note: 'Catatan',
  purpose: 'Keperluan',
  reason: 'Alasan',
  place: 'Tempat',
  agenda: 'Acara',
  minutes: 'Notulen',
  caseNote: 'Catatan',
};

export const sharedText = {
  adminStatusUnknown: () =>
    '⏳ Daftar admin grup belum bisa dibaca saat ini, jadi perintah pengurus belum bisa diproses. Tidak ada yang dicatat; coba lagi sebentar.',
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
  tooLong: (problem: TooLong) =>
    `❌ ${FIELD_LABEL[problem.field]} terlalu panjang: ${formatCount(problem.length)} huruf, paling banyak ` +
    `${formatCount(problem.limit)}. Tidak ada yang dicatat. Tulis lebih singkat, lalu kirim lagi.`,
  messageTooLong: (length: number, limit: number) =>
    `❌ Pesan terlalu panjang: ${formatCount(length)} huruf, paling banyak ${formatCount(limit)}. ` +
    'Tidak ada yang dicatat. Tulis lebih singkat, lalu kirim lagi.',

  // channels
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
