/** Per-village figures over a period: tickets, open/taken/closed, median times, satisfied share. */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatMinutes, formatNumber, formatShare, vietnamDate } from '../format';
import { useLoad } from '../load';
import type { VillageFigures } from '../types';
import { ErrorNotice, Field, Loading, Section, TableWrap } from '../ui';

export function TicketFigures() {
  const [from, setFrom] = useState(vietnamDate(29));
  const [to, setTo] = useState(vietnamDate());
  const stats = useLoad(() => api.get<{ villages: VillageFigures[] }>(`/tickets/stats${query({ from, to })}`), [from, to]);
  return (
    <Section title={t('tickets.figures')}>
      <div class="row">
        <Field label={t('common.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <Field label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </div>
      <ErrorNotice error={stats.error} />
      {!stats.data ? (
        !stats.error && <Loading />
      ) : stats.data.villages.length === 0 ? (
        <p class="muted">{t('tickets.noFigures')}</p>
      ) : (
        <TableWrap label={t('tickets.figures')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('tickets.village')}</th>
                <th scope="col" class="num">
                  {t('tickets.count')}
                </th>
                <th scope="col" class="num">
                  {t('tickets.views.open')}
                </th>
                <th scope="col" class="num">
                  {t('tickets.views.taken')}
                </th>
                <th scope="col" class="num">
                  {t('tickets.views.closed')}
                </th>
                <th scope="col" class="num">
                  {t('tickets.firstAnswer')}
                </th>
                <th scope="col" class="num">
                  {t('tickets.closeTime')}
                </th>
                <th scope="col" class="num">
                  {t('common.satisfied')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.data.villages.map((v) => (
                <tr key={v.village}>
                  <th scope="row">{v.village === 'commune' ? t('common.communeTeam') : v.village}</th>
                  <td class="num">{formatNumber(v.tickets)}</td>
                  <td class="num">{formatNumber(v.open)}</td>
                  <td class="num">{formatNumber(v.taken)}</td>
                  <td class="num">{formatNumber(v.closed)}</td>
                  <td class="num">{formatMinutes(v.firstAnswer.medianOfficeMinutes)}</td>
                  <td class="num">{formatMinutes(v.close.medianOfficeMinutes)}</td>
                  <td class="num">{formatShare(v.satisfiedShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}
