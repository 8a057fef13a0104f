/**
 * The questions the bot could not place over a period, grouped (the learning loop's report): each
 * group's count, how many people, one way it was typed, and what the bot offered.
 */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatNumber, formatTime, vietnamDate } from '../format';
import { useLoad } from '../load';
import { ErrorNotice, Field, Loading, Section, TableWrap } from '../ui';

export interface UnansweredGroup {
  text: string;
  count: number;
  example: string;
  users: number;
  lastAt: string;
}

export function Unanswered() {
  const [from, setFrom] = useState(vietnamDate(29));
  const [to, setTo] = useState(vietnamDate());
  const report = useLoad(() => api.get<{ groups: UnansweredGroup[] }>(`/insights/unanswered${query({ from, to, limit: 100 })}`), [from, to]);
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
        <TableWrap label={t('reports.unanswered')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('reports.typed')}</th>
                <th scope="col" class="num">{t('common.count')}</th>
                <th scope="col" class="num">{t('reports.people')}</th>
                <th scope="col">{t('reports.lastAt')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.groups.map((g) => (
                <tr key={g.text}>
                  <th scope="row">{g.example}</th>
                  <td class="num">{formatNumber(g.count)}</td>
                  <td class="num">{formatNumber(g.users)}</td>
                  <td>{formatTime(g.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}
