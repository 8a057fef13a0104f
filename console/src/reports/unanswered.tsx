/**
 * The questions the bot could not place over a period, grouped loosely (shorthand, word order and
 * chat particles aside), the largest groups first: how many asked, the ways it was typed, when
 * last — and for each group, teaching the bot (an intent example or a search synonym).
 */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatNumber, formatTime, vietnamDate } from '../format';
import { useLoad } from '../load';
import { ErrorNotice, Field, Loading, Section } from '../ui';
import { Teach } from './teach';
import { TaughtSoFar } from './taught';

interface UnansweredGroup {
  text: string;
  count: number;
  users: number;
  examples: string[];
  lastAt: string | number;
}

function Group({ group, onTaught }: { group: UnansweredGroup; onTaught: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="group">
      <div class="list-row">
        <span>
          <strong>{group.examples[0] ?? group.text}</strong>
          <span class="list-meta">
            {' '}
            · {t('reports.groupCounts', { count: formatNumber(group.count), users: formatNumber(group.users) })} ·{' '}
            {formatTime(group.lastAt)}
          </span>
        </span>
        <button type="button" class="small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('common.close') : t('reports.teachGroup')}
        </button>
      </div>
      {group.examples.length > 1 && (
        <p class="hint">
          {t('reports.waysTyped')}: {group.examples.join(' · ')}
        </p>
      )}
      {open && <Teach group={group} onTaught={onTaught} />}
    </li>
  );
}

export function Unanswered() {
  const [from, setFrom] = useState(vietnamDate(29));
  const [to, setTo] = useState(vietnamDate());
  const [taughtVersion, setTaughtVersion] = useState(0);
  const report = useLoad(
    () => api.get<{ groups: UnansweredGroup[] }>(`/insights/unanswered/groups${query({ from, to, limit: 50 })}`),
    [from, to],
  );
  return (
    <Section title={t('reports.unanswered')}>
      <p class="muted">{t('reports.unansweredIntro')}</p>
      <div class="row">
        <Field label={t('common.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <Field label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </div>
      <ErrorNotice error={report.error} />
      {!report.data ? (
        !report.error && <Loading />
      ) : report.data.groups.length === 0 ? (
        <p class="muted">{t('reports.noUnanswered')}</p>
      ) : (
        <ul class="list" data-testid="unanswered-groups">
          {report.data.groups.map((g) => (
            <Group key={g.text} group={g} onTaught={() => setTaughtVersion((v) => v + 1)} />
          ))}
        </ul>
      )}
      <h3>{t('reports.taughtSoFar')}</h3>
      <TaughtSoFar version={taughtVersion} />
    </Section>
  );
}
