/**
 * The questions of the villages' teams: open, taken, late (past the answer time, nothing answered
 * this round) and closed, for one village or all the token may see, newest first.
 */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../load';
import type { TicketStatus, TicketView } from '../types';
import { ErrorNotice, Loading, Section, Select, Tabs } from '../ui';
import { LateBadge, TicketTimers } from './timers';

export type InboxView = 'open' | 'taken' | 'late' | 'closed';

const LIMIT = 200;

const readStatus = (status: TicketStatus) => api.get<{ tickets: TicketView[] }>(`/tickets${query({ status, limit: LIMIT })}`);

/**
 * The tickets of a view. Late ones are open or taken, and the oldest of those: read from those two
 * lists only, so a crowd of newer closed tickets cannot push them past the limit.
 */
async function readView(view: InboxView): Promise<{ tickets: TicketView[] }> {
  if (view !== 'late') return readStatus(view);
  const lists = await Promise.all((['open', 'taken'] as const).map(readStatus));
  const tickets = lists.flatMap((l) => l.tickets).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { tickets };
}

const villageName = (village: string) => (village === 'commune' ? t('common.communeTeam') : village);

export function Inbox({ fixedVillage }: { fixedVillage?: string }) {
  const [view, setView] = useState<InboxView>('open');
  const [village, setVillage] = useState('');
  const list = useLoad(() => readView(view), [view], { every: 15_000, while: () => true });
  const all = (list.data?.tickets ?? []).filter((ticket) => view !== 'late' || ticket.due?.late);
  const villages = [...new Set(all.map((ticket) => ticket.village))].sort((a, b) => a.localeCompare(b, 'vi'));
  const shown = all.filter((ticket) => !village || ticket.village === village);
  return (
    <Section title={t('tickets.inbox')}>
      <Tabs
        label={t('common.status')}
        value={view}
        onChange={setView}
        options={(['open', 'taken', 'late', 'closed'] as const).map((v) => ({ value: v, label: t(`tickets.views.${v}`) }))}
      />
      {!fixedVillage && (
        <Select
          label={t('tickets.village')}
          value={village}
          onChange={setVillage}
          options={[{ value: '', label: t('common.allVillages') }, ...villages.map((v) => ({ value: v, label: villageName(v) }))]}
        />
      )}
      <ErrorNotice error={list.error} />
      {!list.data ? (
        !list.error && <Loading />
      ) : shown.length === 0 ? (
        <p class="muted">{t('tickets.none')}</p>
      ) : (
        <ul class="list" data-testid="ticket-list">
          {shown.map((ticket) => (
            <li key={ticket.id}>
              <a href={`#/tickets/${ticket.id}`} class="list-link">
                <span class="list-title">
                  <span class="mono">{ticket.id}</span> · {villageName(ticket.village)} · {ticket.citizenName ?? t('tickets.citizen')}{' '}
                  <LateBadge ticket={ticket} />
                </span>
                <span class="list-body">{ticket.question.slice(0, 140)}</span>
                <span class="list-meta">
                  {formatTime(ticket.createdAt)}
                  {ticket.takenByName ? ` · ${t('tickets.takenBy', { name: ticket.takenByName })}` : ''} <TicketTimers ticket={ticket} />
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
