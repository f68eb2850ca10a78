/** What members' commands say, in Bahasa Indonesia: linking a group, the member list and roles. */
import { fundLabel } from '../ledger/text.js';
import type { FundInfo, MemberInfo } from '../shared/ports.js';
import type { Role } from '../shared/roles.js';

export const membersText = {
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
};
