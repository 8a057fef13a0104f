/**
 * One broadcast: its counts read again every second while it is planned or sending (planned,
 * sent, failed, skipped with the reasons, cancelled), the cancel button while it can still stop,
 * and the delivery log, a page at a time.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, tDynamic } from '../i18n';
import { formatNumber, formatTime } from '../format';
import { useLoad } from '../load';
import type { Broadcast, DeliveryEntry } from '../types';
import { ErrorNotice, Figure, Loading, Section, TableWrap } from '../ui';
import { StatusBadge } from './status-badge';
import { repeatText } from './repeat-text';

const LOG_PAGE = 50;
const POLL_MS = 1000;

const isLive = (b: Broadcast) => b.status === 'sending' || b.status === 'scheduled';

function Counts({ broadcast }: { broadcast: Broadcast }) {
  const { counts } = broadcast;
  const planned = counts.planned ?? 0;
  const handled = counts.sent + counts.failed + counts.skipped + counts.cancelled;
  return (
    <>
      <div class="figures" data-testid="broadcast-counts">
        <Figure label={t('announcements.counts.planned')} value={counts.planned === undefined ? '…' : formatNumber(planned)} />
        <Figure label={t('announcements.counts.sent')} value={formatNumber(counts.sent)} tone="good" />
        <Figure label={t('announcements.counts.failed')} value={formatNumber(counts.failed)} tone={counts.failed ? 'bad' : undefined} />
        <Figure label={t('announcements.counts.skipped')} value={formatNumber(counts.skipped)} />
        <Figure label={t('announcements.counts.cancelled')} value={formatNumber(counts.cancelled)} />
      </div>
      {planned > 0 && (
        <div class="progress-line">
          <label for="broadcast-progress">
            {t('announcements.progress', { done: formatNumber(handled), planned: formatNumber(planned) })}
          </label>
          <progress id="broadcast-progress" max={planned} value={handled} />
        </div>
      )}
      {Object.keys(broadcast.skipReasons).length > 0 && (
        <table class="table compact">
          <caption>{t('announcements.skipReasons')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('announcements.reason')}</th>
              <th scope="col" class="num">
                {t('common.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(broadcast.skipReasons).map(([reason, n]) => (
              <tr key={reason}>
                <td>{tDynamic(`skipReasons.${reason}`, reason)}</td>
                <td class="num">{formatNumber(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function DeliveryLog({ id, version }: { id: string; version: string }) {
  const [offset, setOffset] = useState(0);
  const log = useLoad(
    () => api.get<{ entries: DeliveryEntry[] }>(`/broadcasts/${encodeURIComponent(id)}/log?offset=${offset}&limit=${LOG_PAGE}`),
    [id, offset, version],
  );
  const entries = log.data?.entries ?? [];
  return (
    <Section title={t('announcements.log')}>
      <ErrorNotice error={log.error} />
      {entries.length === 0 && !log.loading ? (
        <p class="muted">{t('announcements.logEmpty')}</p>
      ) : (
        <TableWrap label={t('announcements.log')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('common.time')}</th>
                <th scope="col">{t('announcements.recipient')}</th>
                <th scope="col">{t('announcements.outcome')}</th>
                <th scope="col">{t('announcements.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${offset + i}`}>
                  <td>{formatTime(e.at)}</td>
                  <td class="mono">{String(e.user ?? '').slice(0, 10)}</td>
                  <td>{tDynamic(`outcomes.${String(e.outcome)}`, String(e.outcome))}</td>
                  <td>{e.reason ? tDynamic(`skipReasons.${e.reason}`, e.reason) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <div class="actions">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LOG_PAGE))}>
          {t('common.previous')}
        </button>
        <button type="button" disabled={entries.length < LOG_PAGE} onClick={() => setOffset(offset + LOG_PAGE)}>
          {t('common.next')}
        </button>
      </div>
    </Section>
  );
}

export function BroadcastProgress({ id }: { id: string }) {
  const loaded = useLoad(() => api.get<Broadcast>(`/broadcasts/${encodeURIComponent(id)}`), [id], { every: POLL_MS, while: isLive });
  const [cancelError, setCancelError] = useState<unknown>();
  const broadcast = loaded.data;
  if (!broadcast) return loaded.error ? <ErrorNotice error={loaded.error} /> : <Loading />;
  const cancel = async () => {
    if (!confirm(t('announcements.cancelConfirm'))) return;
    try {
      await api.post(`/broadcasts/${encodeURIComponent(id)}/cancel`);
      loaded.reload();
    } catch (err) {
      setCancelError(err);
    }
  };
  const c = broadcast.counts;
  return (
    <>
      <p>
        <a href="#/announcements">← {t('announcements.history')}</a>
      </p>
      <Section
        title={t('announcements.one')}
        actions={
          isLive(broadcast) && (
            <button type="button" class="danger" onClick={cancel}>
              {t('announcements.cancel')}
            </button>
          )
        }
      >
        <p>
          <StatusBadge status={broadcast.status} />{' '}
          <span class="muted">{t('announcements.createdBy', { name: broadcast.createdBy.name, at: formatTime(broadcast.createdAt) })}</span>
        </p>
        {broadcast.sendAt && <p>{t('announcements.sendsAt', { at: formatTime(broadcast.sendAt) })}</p>}
        {broadcast.repeat && <p>{t('announcements.repeats', { rule: repeatText(broadcast.repeat) })}</p>}
        {broadcast.nextRunAt && <p>{t('announcements.repeatingNext', { at: formatTime(broadcast.nextRunAt) })}</p>}
        {broadcast.latestOccurrence && (
          <p>
            <a href={`#/announcements/${encodeURIComponent(broadcast.latestOccurrence)}`}>{t('announcements.latestOccurrence')}</a>
          </p>
        )}
        <blockquote class="quote">{broadcast.text}</blockquote>
        <ErrorNotice error={loaded.error} />
        <ErrorNotice error={cancelError} />
        <Counts broadcast={broadcast} />
        {broadcast.finishedAt && <p class="muted">{t('announcements.finishedAt', { at: formatTime(broadcast.finishedAt) })}</p>}
      </Section>
      <DeliveryLog id={id} version={`${broadcast.status}:${c.sent + c.failed + c.skipped + c.cancelled}`} />
    </>
  );
}
