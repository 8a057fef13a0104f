/**
 * After a cancel, the broadcast's deliveries still waiting are taken out of the queue and counted
 * `cancelled` here (a `purge` job on the plan queue), instead of each passing through the delivery
 * workers: there they would spend the global rate limit and hold up the broadcasts queued behind.
 * A delivery already running cannot be removed; it finds the status and counts itself.
 */
import type { Job, Queue } from 'bullmq';
import type { BroadcastDeliveryJob } from '../store/queues';
import type { BroadcastStore } from '../domain/broadcasts/broadcast-store';

const PAGE = 1000;

export interface BroadcastPurgeDeps {
  store: BroadcastStore;
  deliveries: Queue<BroadcastDeliveryJob>;
  now?: () => number;
}

export function createBroadcastPurger(deps: BroadcastPurgeDeps) {
  const now = deps.now ?? Date.now;

  /** Removes the broadcast's jobs from one state's pages, counting each removed recipient once. */
  async function purgeState(broadcastId: string, state: 'waiting' | 'delayed'): Promise<number> {
    let offset = 0;
    let purged = 0;
    for (;;) {
      const page = (await deps.deliveries.getJobs(state, offset, offset + PAGE - 1, true)) as Array<Job<BroadcastDeliveryJob>>;
      if (!page.length) return purged;
      const ours = page.filter((j) => j?.data?.broadcastId === broadcastId);
      const removed = await Promise.all(ours.map(async (j) => ((await deps.deliveries.remove(j.id!)) === 1 ? j.data.userId : undefined)));
      for (const userId of removed)
        if (userId) await deps.store.recordOutcome(broadcastId, { userId, outcome: 'cancelled' }, new Date(now()));
      const gone = removed.filter(Boolean).length;
      purged += gone;
      // Removed jobs leave the list, so the next page starts after what stayed.
      offset += page.length - gone;
    }
  }

  return async function purge(job: Job<{ broadcastId: string }>) {
    const { broadcastId } = job.data;
    if ((await deps.store.status(broadcastId)) !== 'cancelled') return { broadcast: broadcastId, purged: 0 };
    const purged = (await purgeState(broadcastId, 'waiting')) + (await purgeState(broadcastId, 'delayed'));
    return { broadcast: broadcastId, purged };
  };
}
