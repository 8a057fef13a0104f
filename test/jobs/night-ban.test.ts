/** Template sends refused at night wait for 06:00 in Vietnam: the job is parked, not failed. */
import { createClient } from 'redis';
import { Queue, Worker } from 'bullmq';
import { toQueueConnection } from '../../src/store/redis';
import {
  delayUntilMorning,
  isNightInVietnam,
  NightBanError,
  nextSixAmInVietnam,
  nightBanRetryAt,
  RetryAtError,
} from '../../src/jobs/night-ban';
import { deleteKeys, uniquePrefix, waitFor } from '../helpers';

/** A queue (on its own prefix) whose worker runs `handle` through `delayUntilMorning`. */
async function queueWithWorker(name: string, handle: () => Promise<unknown>) {
  const prefix = uniquePrefix(name);
  const redis = createClient();
  await redis.connect();
  const options = { connection: toQueueConnection(redis), prefix };
  const queue = new Queue(name, options);
  const worker = new Worker(name, (job, token) => delayUntilMorning(job, token, handle), options);
  return {
    queue,
    /** The job's state once it is `wanted`, or its last state after 50 looks 50 ms apart. */
    async settledState(id: string, wanted: string): Promise<string> {
      let state = '';
      for (let i = 0; i < 50 && state !== wanted; i += 1) {
        state = await queue.getJobState(id);
        if (state !== wanted) await new Promise((r) => setTimeout(r, 50));
      }
      return state;
    },
    async close() {
      await worker.close();
      await queue.close();
      await deleteKeys(prefix);
      await redis.close();
    },
  };
}

describe('the night ban', () => {
  it('knows the night in Vietnam and the next 06:00', () => {
    expect(isNightInVietnam(Date.parse('2026-11-27T22:00:00+07:00'))).toBe(true);
    expect(isNightInVietnam(Date.parse('2026-11-28T05:59:00+07:00'))).toBe(true);
    expect(isNightInVietnam(Date.parse('2026-11-28T06:00:00+07:00'))).toBe(false);
    expect(isNightInVietnam(Date.parse('2026-11-27T21:59:00+07:00'))).toBe(false);
    expect(nextSixAmInVietnam(Date.parse('2026-11-27T23:00:00+07:00'))).toBe(Date.parse('2026-11-28T06:00:00+07:00'));
  });

  it('after a -234, waits for 06:00 at night but only a few minutes by day', () => {
    expect(nightBanRetryAt(Date.parse('2026-11-27T23:00:00+07:00'))).toBe(Date.parse('2026-11-28T06:00:00+07:00'));
    expect(nightBanRetryAt(Date.parse('2026-11-28T05:59:00+07:00'))).toBe(Date.parse('2026-11-28T06:00:00+07:00'));
    expect(nightBanRetryAt(Date.parse('2026-11-28T10:00:00+07:00'))).toBe(Date.parse('2026-11-28T10:05:00+07:00'));
  });

  it('parks the job in the delayed set until the given time, without spending an attempt', async () => {
    const until = Date.now() + 3_600_000;
    let runs = 0;
    const night = await queueWithWorker('night', async () => {
      runs += 1;
      throw new NightBanError(until);
    });
    const job = await night.queue.add('send', {}, { attempts: 3 });
    await waitFor(() => runs === 1, 5000, 'the first run');
    expect(await night.settledState(job.id!, 'delayed')).toBe('delayed');
    expect((await night.queue.getJob(job.id!))?.attemptsMade).toBe(0);
    await night.close();
  });

  it('a RetryAtError for "now" (a -230 retried as a template) runs again at once, without spending an attempt', async () => {
    let runs = 0;
    const retry = await queueWithWorker('retry-now', async () => {
      runs += 1;
      if (runs === 1) throw new RetryAtError(Date.now(), 'consultation refused');
      return 'sent';
    });
    const job = await retry.queue.add('send', {}, { attempts: 1 });
    await waitFor(() => runs === 2, 5000, 'the second run');
    // With one attempt only, a counted failure would have failed the job.
    expect(await retry.settledState(job.id!, 'completed')).toBe('completed');
    expect((await retry.queue.getJob(job.id!))?.returnvalue).toBe('sent');
    await retry.close();
  });
});
