export const ROLES = ['ketua', 'bendahara', 'sekretaris', 'anggota'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (word: string): word is Role => (ROLES as readonly string[]).includes(word);

/** Who may move money: post directly, spend, correct, confirm. */
export const TREASURY: readonly Role[] = ['ketua', 'bendahara'];
export const PENGURUS: readonly Role[] = ['ketua', 'bendahara', 'sekretaris'];
export const EVERYONE: readonly Role[] = ROLES;

/**
 * Where the platform knows group administrators, they are the pengurus candidates: a pengurus who is
 * no longer an admin of the group acts as an anggota there until made admin again.
 */
export function effectiveRole(recorded: Role, isChatAdmin: boolean | null | undefined): Role {
  return isChatAdmin === false && recorded !== 'anggota' ? 'anggota' : recorded;
}
