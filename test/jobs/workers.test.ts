import { QueueName } from '../../src/store/queues';
import { chooseHandlers } from '../../src/jobs/workers';
import type { JobHandler } from '../../src/jobs/job-handler';

const handler = (queue: QueueName): JobHandler => ({ queue, concurrency: 1, run: async () => undefined });

describe('chooseHandlers', () => {
  it('gives the handler of each chosen queue, in the order chosen', () => {
    const inbound = handler(QueueName.Inbound);
    const notices = handler(QueueName.DossierNotices);
    expect(chooseHandlers([inbound, notices], [QueueName.DossierNotices, QueueName.Inbound])).toEqual([notices, inbound]);
  });

  it('refuses a chosen queue that no handler serves', () => {
    expect(() => chooseHandlers([handler(QueueName.Inbound)], [QueueName.Inbound, QueueName.Tickets])).toThrow(
      'no handler for queue tickets',
    );
  });

  it('refuses two handlers for one queue', () => {
    expect(() => chooseHandlers([handler(QueueName.Inbound), handler(QueueName.Inbound)], [QueueName.Inbound])).toThrow(
      'two handlers for queue inbound',
    );
  });
});
