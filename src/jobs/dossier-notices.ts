/**
 * The `dossier-notices` queue: notices to a dossier's followers when its status changes (within
 * seconds), one fan-out job then one job per follower. Zalo's rules decide the channel (docs/zalo-platform.md §3): a consultation message within 7 days of
 * the citizen's last interaction; beyond that the configured template message, or the notice is
 * recorded as not deliverable. When the result is returned, followers are asked to rate.
 */
import type { Logger } from '../logger';
import { hashId } from '../logger';
import type { I18n } from '../i18n';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { appendCapped } from '../store/capped-list';
import { dossierNotifyJob, QueueName, type DossierNoticeJob } from '../store/queues';
import type { Queue } from 'bullmq';
import type { InteractionLedger } from '../edge/zalo/interaction-ledger';
import type { ZaloOaClient } from '../edge/zalo/oa-client';
import { isZaloApiError } from '../edge/zalo/errors';
import { citizenStateOf, type PortalStatus } from '../domain/dossiers/dossier';
import type { DossierStore } from '../domain/dossiers/dossier-store';
import type { DossierFollows } from '../domain/dossiers/dossier-follows';
import type { ProcedureCatalogue } from '../domain/catalogue/catalogue';
import type { NoticeSender } from '../../flows/notices/notice';
import type { DossierNoticeWriter } from '../../flows/notices/dossier-notice';
import { NightBanError, nightBanRetryAt, delayUntilMorning } from './night-ban';
import type { JobHandler } from './job-handler';

export interface DossierNoticeDeps {
  notices: NoticeSender;
  write: DossierNoticeWriter;
  /** For template messages outside the 7-day window. */
  client: ZaloOaClient;
  ledger: InteractionLedger;
  store: DossierStore;
  follows: DossierFollows;
  i18n: I18n;
  catalogue: ProcedureCatalogue;
  redis: RedisClient;
  keys: Keys;
  logger: Logger;
  queue: Queue<DossierNoticeJob>;
  /** Zalo template for notices outside the 7-day window; unset → recorded as not deliverable. */
  templateId?: string;
}

const LOG_KEPT = 50_000;

export function dossierNoticeJobs(deps: DossierNoticeDeps): JobHandler<DossierNoticeJob> {
  async function log(entry: Record<string, unknown>) {
    await appendCapped(deps.redis, deps.keys.dossierNoticeLog, { at: new Date().toISOString(), ...entry }, LOG_KEPT);
  }

  async function fanOut(code: string, status: number) {
    const followers = await deps.follows.followers(code);
    if (citizenStateOf(status as PortalStatus) === 'returned') await deps.follows.endAfterReturn(code);
    await deps.queue.addBulk(followers.map((userId) => dossierNotifyJob(code, status, userId)));
    return { followers: followers.length };
  }

  async function notify(code: string, status: number, userId: string) {
    const found = await deps.store.find(code);
    if (found.status !== 'found') return { outcome: 'gone' };
    const window = await deps.ledger.window(userId);
    if (window === 'closed') return outsideWindow(code, status, userId);
    const t = await deps.notices.translator(userId);
    const returned = citizenStateOf(status as PortalStatus) === 'returned';
    const notice = deps.write(t, found.dossier, deps.catalogue.get(found.dossier.procedureCode)?.name, returned);
    const outcome = await deps.notices.send(userId, notice);
    if (outcome === 'outside_window') return outsideWindow(code, status, userId);
    if (outcome === 'unreachable') {
      await log({ code, status, user: hashId(userId), outcome: 'unreachable' });
      return { outcome: 'unreachable' };
    }
    await log({ code, status, user: hashId(userId), outcome: 'sent', channel: 'consultation', window });
    return { outcome: 'sent' };
  }

  async function outsideWindow(code: string, status: number, userId: string) {
    if (!deps.templateId) {
      await log({
        code,
        status,
        user: hashId(userId),
        outcome: 'not_deliverable',
        reason: 'outside the 7-day window, no template configured',
      });
      return { outcome: 'not_deliverable' };
    }
    try {
      const label = deps.i18n.t('vi', `dossiers.state.${citizenStateOf(status as PortalStatus) ?? 'processing'}.label`);
      await deps.client.sendTemplate(userId, deps.templateId, { dossier_code: code, status: label });
    } catch (err) {
      if (isZaloApiError(err) && err.errorClass === 'night_ban') throw new NightBanError(nightBanRetryAt(Date.now()));
      if (isZaloApiError(err) && err.errorClass !== 'rate_limited') {
        await log({ code, status, user: hashId(userId), outcome: 'not_deliverable', zalo: err.code });
        return { outcome: 'not_deliverable' };
      }
      throw err;
    }
    await log({ code, status, user: hashId(userId), outcome: 'sent', channel: 'template' });
    return { outcome: 'sent' };
  }

  const run = (job: DossierNoticeJob) => (job.kind === 'changed' ? fanOut(job.code, job.status) : notify(job.code, job.status, job.userId));
  return {
    queue: QueueName.DossierNotices,
    concurrency: 8,
    run: (job, token) => delayUntilMorning<unknown>(job, token, () => run(job.data)),
  };
}
