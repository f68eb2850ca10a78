import { Prisma } from '../generated/prisma/client.js';
import { WriteConflict } from '../core/index.js';

/**
 * A write that lost a race for a unique key (two pengurus, two instances) is tried again as a whole:
 * the second attempt reads what the winner wrote and answers from it. The constraint, not a check
 * before the write, is what keeps the rule.
 */
export async function uniquely<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new WriteConflict(what);
    throw error;
  }
}
