/**
 * One ticket: the conversation with the citizen (their photos too), what happened to it, and the
 * team's actions — take it, answer (closing it or keeping it open), close it. The answer goes to
 * the citizen's Zalo chat signed with the team's name; `delivered: false` says Zalo could not
 * reach them (the ticket stays open).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, tDynamic } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../load';
import type { TicketMessage, TicketView } from '../types';
import type { Me } from '../access';
import { ErrorNotice, fieldError, Loading, Notice, Section, TextArea } from '../ui';
import { LateBadge, TicketTimers } from './timers';

type Reply = TicketView & { delivered?: boolean | null };

/** Only an https address is drawn as a photo: a citizen's `javascript:` or `data:` "photo" never becomes a link or an image. */
function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function Photos({ photos }: { photos: string[] }) {
  if (!photos.length) return null;
  return (
    <div class="photos">
      {photos.map((url, i) =>
        isHttps(url) ? (
          <a key={`${i}-${url}`} href={url} target="_blank" rel="noreferrer noopener">
            <img src={url} alt={t('tickets.photo', { n: i + 1 })} loading="lazy" referrerpolicy="no-referrer" />
          </a>
        ) : (
          <span key={`${i}-${url}`} class="muted photo-unavailable">
            {t('tickets.photoUnavailable')}
          </span>
        ),
      )}
    </div>
  );
}

function Message({ message }: { message: TicketMessage }) {
  if (message.from === 'system') {
    return (
      <li class="event">
        {tDynamic(`ticketEvents.${message.event ?? ''}`, message.event ?? '')}
        {message.by ? ` · ${message.by}` : ''} · {formatTime(message.at)}
      </li>
    );
  }
  return (
    <li class={`bubble ${message.from}`}>
      <span class="bubble-who">
        {message.from === 'citizen' ? t('tickets.citizen') : (message.by ?? t('tickets.team'))} · {formatTime(message.at)}
      </span>
      {message.text && <p>{message.text}</p>}
      <Photos photos={message.photos ?? []} />
    </li>
  );
}

export function Conversation({ id, me }: { id: string; me: Me }) {
  const ticket = useLoad(() => api.get<TicketView & { history: TicketMessage[] }>(`/tickets/${encodeURIComponent(id)}`), [id], {
    every: 5000,
    while: (d) => d.status !== 'closed',
  });
  const [text, setText] = useState('');
  const [closeAfter, setCloseAfter] = useState(true);
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState<string>();
  const [busy, setBusy] = useState(false);
  const data = ticket.data;
  if (!data) return ticket.error ? <ErrorNotice error={ticket.error} /> : <Loading />;

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      await work();
      setOutcome(done);
      ticket.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const path = `/tickets/${encodeURIComponent(id)}`;
  const reply = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      const sent = await api.post<Reply>(`${path}/reply`, { text, close: closeAfter });
      setText('');
      if (sent.delivered === false) throw new Error('undelivered');
    }, t('tickets.replied'));
  };
  const closed = data.status === 'closed';
  // As in the chat, a team closes only what it holds; officers close any open ticket (the API decides).
  const mayClose = me.role !== 'team' || (data.status === 'taken' && data.takenByName === me.name);
  return (
    <>
      <p>
        <a href="#/tickets">← {t('tickets.inbox')}</a>
      </p>
      <Section title={`${t('tickets.one')} ${data.id}`}>
        <p>
          <span class={`badge ticket-${data.status}`} data-testid="ticket-status" data-status={data.status}>
            {t(`tickets.views.${data.status}`)}
          </span>{' '}
          <LateBadge ticket={data} /> {data.village === 'commune' ? t('common.communeTeam') : data.village} ·{' '}
          {data.citizenName ?? t('tickets.citizen')}
          {data.takenByName ? ` · ${t('tickets.takenBy', { name: data.takenByName })}` : ''}
        </p>
        <p>
          <TicketTimers ticket={data} />
        </p>
        {/* A failed refresh: said, with the conversation as last read still shown. */}
        <ErrorNotice error={ticket.error} />
        <ol class="conversation" aria-label={t('tickets.conversation')}>
          {data.history.map((m, i) => (
            <Message key={`${i}-${m.at}`} message={m} />
          ))}
        </ol>
        {outcome && <Notice kind="success">{outcome}</Notice>}
        {error instanceof Error && error.message === 'undelivered' ? (
          <Notice kind="warning">{t('tickets.undelivered')}</Notice>
        ) : (
          <ErrorNotice error={error} />
        )}
        {!closed && (
          <div class="actions">
            {data.status === 'open' && (
              <button type="button" disabled={busy} onClick={() => act(() => api.post(`${path}/take`), t('tickets.tookIt'))}>
                {t('tickets.take')}
              </button>
            )}
            {mayClose && (
              <button type="button" disabled={busy} onClick={() => act(() => api.post(`${path}/close`), t('tickets.closedIt'))}>
                {t('tickets.close')}
              </button>
            )}
          </div>
        )}
        {!closed && (
          <form class="reply" onSubmit={reply}>
            <TextArea
              label={t('tickets.answer')}
              rows={4}
              maxLength={2000}
              required
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              error={fieldError(error, 'text')}
              hint={t('tickets.answerHint')}
            />
            <label class="check">
              <input type="checkbox" checked={closeAfter} onChange={(e) => setCloseAfter(e.currentTarget.checked)} />
              {t('tickets.closeAfter')}
            </label>
            <div class="actions">
              <button type="submit" class="primary" disabled={busy || !text.trim()}>
                {t('tickets.send')}
              </button>
            </div>
          </form>
        )}
      </Section>
    </>
  );
}
