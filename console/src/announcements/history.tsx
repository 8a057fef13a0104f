/** The broadcasts, newest first, filtered by status; each opens its progress and delivery log. */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatNumber, formatTime } from '../format';
import { useLoad } from '../load';
import { BROADCAST_STATUSES, type Broadcast, type BroadcastStatus } from '../types';
import { ErrorNotice, Loading, Section, Select } from '../ui';
import { StatusBadge } from './status-badge';

/** A recurring broadcast has no deliveries of its own: it says that it repeats and when next. */
function whenAndHow(b: Broadcast): string {
  if (b.repeat && !b.parentId)
    return b.nextRunAt ? t('announcements.repeatingNext', { at: formatTime(b.nextRunAt) }) : t('announcements.repeating');
  const sent = t('announcements.sentOf', { sent: formatNumber(b.counts.sent), planned: formatNumber(b.counts.planned ?? 0) });
  return `${formatTime(b.sendAt ?? b.createdAt)} · ${sent}`;
}

export function BroadcastHistory() {
  const [status, setStatus] = useState<BroadcastStatus | ''>('');
  const list = useLoad(() => api.get<{ broadcasts: Broadcast[] }>(`/broadcasts${query({ status, limit: 50 })}`), [status], {
    every: 3000,
    while: (d) => d.broadcasts.some((b) => b.status === 'sending'),
  });
  return (
    <Section
      title={t('announcements.history')}
      actions={
        <a class="button primary" href="#/announcements/new">
          {t('announcements.new')}
        </a>
      }
    >
      <Select
        label={t('common.status')}
        value={status}
        onChange={setStatus}
        options={[
          { value: '' as const, label: t('common.all') },
          ...BROADCAST_STATUSES.map((s) => ({ value: s, label: t(`broadcastStatus.${s}`) })),
        ]}
      />
      <ErrorNotice error={list.error} />
      {!list.data ? (
        !list.error && <Loading />
      ) : list.data.broadcasts.length === 0 ? (
        <p class="muted">{t('announcements.none')}</p>
      ) : (
        <ul class="list">
          {list.data.broadcasts.map((b) => (
            <li key={b.id}>
              <a href={`#/announcements/${encodeURIComponent(b.id)}`} class="list-link">
                <span class="list-title">{b.text.slice(0, 90)}</span>
                <span class="list-meta">
                  <StatusBadge status={b.status} /> {whenAndHow(b)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
