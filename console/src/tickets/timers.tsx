/**
 * The service-level timers of a ticket: by when it must be taken and answered (office time, as the
 * service counts it), shown as time left or time over, refreshed every 30 s.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { formatMinutes, formatTime } from '../format';
import type { TicketView } from '../types';

function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function Timer({ label, by, now }: { label: string; by: string; now: number }) {
  const minutes = (Date.parse(by) - now) / 60_000;
  const over = minutes < 0;
  return (
    <span class={`timer ${over ? 'over' : ''}`}>
      {label}: {formatTime(by)} (
      {over ? t('tickets.overBy', { time: formatMinutes(minutes) }) : t('tickets.left', { time: formatMinutes(minutes) })})
    </span>
  );
}

export function TicketTimers({ ticket }: { ticket: TicketView }) {
  const now = useNow();
  if (!ticket.due || ticket.status === 'closed') return null;
  const answered = ticket.lastAnswerAt !== undefined && ticket.lastAnswerAt >= (ticket.reopenedAt ?? ticket.createdAt);
  return (
    <span class="timers">
      {ticket.status === 'open' && <Timer label={t('tickets.takeBy')} by={ticket.due.takeBy} now={now} />}
      {!answered && <Timer label={t('tickets.answerBy')} by={ticket.due.answerBy} now={now} />}
    </span>
  );
}

export const LateBadge = ({ ticket }: { ticket: TicketView }) =>
  ticket.due?.late ? (
    <span class="badge late" data-testid="late">
      {t('tickets.late')}
    </span>
  ) : null;
