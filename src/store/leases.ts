import type { Writer } from './writer.js';

export type LeaseOutcome =
  | { readonly held: true; readonly expiresAt: Date }
  | { readonly held: false; readonly holder: string };

/**
 * Leases in the database: which instance owns a job that must run once (Telegram long polling, the
 * WhatsApp socket). Written through the writer, whose lock makes read-then-write safe across instances;
 * times come from the dialect's shared clock, never from the instance's own.
 */
export interface LeaseStore {
  /** Takes the lease for `holder`, or renews it, unless another holder's has not expired yet. */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseOutcome>;
  /** Gives the lease up at once (a clean stop), so another instance need not wait for it to expire. */
  release(name: string, holder: string): Promise<void>;
}

export function createLeaseStore(writer: Writer): LeaseStore {
  return {
    acquire(name, holder, ttlMs) {
      // Urgent: an owner whose renewal waited behind inbox work would stop its jobs for nothing.
      return writer.run(
        async (tx): Promise<LeaseOutcome> => {
          const now = await writer.dialect.now(tx);
          const current = await tx.lease.findUnique({ where: { name } });
          if (current && current.holder !== holder && current.expiresAt > now) return { held: false, holder: current.holder };
          const expiresAt = new Date(now.getTime() + ttlMs);
          await tx.lease.upsert({ where: { name }, create: { name, holder, expiresAt }, update: { holder, expiresAt } });
          return { held: true, expiresAt };
        },
        { urgent: true },
      );
    },
    async release(name, holder) {
      await writer.run((tx) => tx.lease.deleteMany({ where: { name, holder } }));
    },
  };
}
