/**
 * The satisfaction report over a period: how many rated, the satisfied share over all and by
 * subject (dossiers, questions), a chart of the levels by subject, and the CSV for the centre.
 */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatNumber, formatShare, vietnamDate } from '../format';
import { useLoad } from '../load';
import { SmallChart } from '../chart';
import { RATING_LEVELS, type RatingsReport } from '../types';
import { ErrorNotice, Field, Figure, Loading, Section } from '../ui';

const SUBJECTS = ['dossier', 'ticket'] as const;

export function Ratings() {
  const [from, setFrom] = useState(vietnamDate(29));
  const [to, setTo] = useState(vietnamDate());
  const [downloadError, setDownloadError] = useState<unknown>();
  const report = useLoad(() => api.get<RatingsReport>(`/ratings${query({ from, to })}`), [from, to]);
  const data = report.data;
  const levelsOf = (subject: (typeof SUBJECTS)[number]) =>
    RATING_LEVELS.map((level) => data?.ratings.filter((r) => r.subject === subject && r.level === level).length ?? 0);
  const download = () => api.download(`/ratings${query({ from, to, format: 'csv' })}`, `ratings-${from}-${to}.csv`).catch(setDownloadError);
  return (
    <Section
      title={t('reports.ratings')}
      actions={
        <button type="button" onClick={download}>
          {t('reports.csv')}
        </button>
      }
    >
      <div class="row">
        <Field label={t('common.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <Field label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </div>
      <ErrorNotice error={report.error ?? downloadError} />
      {!data ? (
        !report.error && <Loading />
      ) : (
        <>
          <div class="figures">
            <Figure label={t('reports.rated')} value={formatNumber(data.count)} />
            <Figure label={t('common.satisfied')} value={formatShare(data.satisfiedShare)} />
            {SUBJECTS.map((s) => (
              <Figure
                key={s}
                label={t('reports.satisfiedOf', { subject: t(`reports.subjects.${s}`) })}
                value={formatShare(data.bySubject[s].satisfiedShare)}
              />
            ))}
          </div>
          <SmallChart
            type="bar"
            labels={SUBJECTS.map((s) => t(`reports.subjects.${s}`))}
            series={RATING_LEVELS.map((level, i) => ({
              label: t(`ratingLevels.${level}`),
              values: SUBJECTS.map((s) => levelsOf(s)[i] ?? 0),
            }))}
            stacked
            summary={t('reports.chartSummary', {
              dossiers: formatShare(data.bySubject.dossier.satisfiedShare),
              tickets: formatShare(data.bySubject.ticket.satisfiedShare),
            })}
          />
        </>
      )}
    </Section>
  );
}
