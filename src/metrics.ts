/**
 * Prometheus metrics for both roles. One registry per process; the names are the dashboard's
 * contract, so they change only with the dashboards.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    events: new Counter({
      name: 'zoa_webhook_events_total',
      help: 'Webhook deliveries by event kind and result (accepted, duplicate, unknown, rejected)',
      labelNames: ['kind', 'result'] as const,
      registers,
    }),
    handled: new Counter({
      name: 'zoa_events_handled_total',
      help: 'Inbound events handled by the engine, by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    handlingSeconds: new Histogram({
      name: 'zoa_event_handling_seconds',
      help: 'Time from webhook receipt to the end of handling',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    sends: new Counter({
      name: 'zoa_zalo_sends_total',
      help: 'Calls to the Zalo OA API by endpoint, result and Zalo error code',
      labelNames: ['endpoint', 'result', 'code'] as const,
      registers,
    }),
    tokenRefreshes: new Counter({
      name: 'zoa_token_refreshes_total',
      help: 'OAuth token refreshes by result; a failure needs an OA admin to re-authorise',
      labelNames: ['result'] as const,
      registers,
    }),
    echoes: new Counter({
      name: 'zoa_echo_matches_total',
      help: 'oa_send_* echoes by how they were matched to our sends (msg_id, text, none = a human)',
      labelNames: ['match'] as const,
      registers,
    }),
    jobs: new Counter({
      name: 'zoa_jobs_total',
      help: 'Queue jobs run by the workers, by queue and outcome (completed, failed attempt)',
      labelNames: ['queue', 'outcome'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'zoa_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
