/**
 * The webhook's durable step: an accepted event is in Redis — in the user's inbox, with a drain
 * job queued — before Zalo gets its 200. A duplicate delivery (same msg_id, or same kind +
 * subject + timestamp) is not stored again; its drain job is still (re)queued, idempotently, in
 * case the first delivery stored the event but failed before queueing. While a drain run owns the
 * user's inbox no job is queued: the owner reaches the event anyway.
 */
import type { Queue } from 'bullmq';
import type { ZaloEvent } from '../edge/zalo/events';
import { INBOUND_JOB_OPTIONS, type InboundJob } from '../store/queues';
import type { UserInbox } from './user-inbox';
import { eventIdOf } from './event-scope';

export class Intake {
  constructor(
    private readonly inbox: UserInbox,
    private readonly queue: Queue<InboundJob>,
  ) {}

  async accept(event: ZaloEvent, receivedAt = Date.now()): Promise<'new' | 'duplicate'> {
    const { outcome, owned } = await this.inbox.append(event, receivedAt);
    if (!owned) {
      // Deterministic job id (no ':' — BullMQ refuses it): a retried delivery queues nothing new.
      const jobId = `ev-${eventIdOf(event)}`;
      await this.queue.add('drain', { userId: event.userId }, { ...INBOUND_JOB_OPTIONS, jobId });
    }
    return outcome;
  }
}
