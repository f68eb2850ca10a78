import type { Reply } from './message.js';
import type { Render } from './ports.js';

export type QueueNotice = (send: () => Promise<void>) => void;

/**
 * Runs a write whose render may queue notices to other people, and sends them once the write has
 * committed. A redelivered message is answered from what was stored without rendering, so it notifies
 * nobody a second time. A notice lost to a crash right after the commit is not sent again.
 */
export async function withNotices<O>(
  write: (render: Render<O>) => Promise<readonly Reply[]>,
  render: (outcome: O, notify: QueueNotice) => readonly Reply[],
): Promise<readonly Reply[]> {
  let queued: (() => Promise<void>)[] = [];
  const replies = await write((outcome) => {
    // A transaction tried again renders again: only the last rendering's notices count.
    queued = [];
    return render(outcome, (send) => queued.push(send));
  });
  // Awaited so a caller (and a test) knows they went, but side by side: a slow channel delays the answer once.
  await Promise.all(queued.map((send) => send()));
  return replies;
}
