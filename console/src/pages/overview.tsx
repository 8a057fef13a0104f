/**
 * Overview: today's or this month's figures — messages handled, questions the bot could not
 * place, questions open and late, announcements sent, dossier lookups, satisfied share — and the
 * month day by day in two small charts.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Me } from '../access';
import { t } from '../i18n';
import { formatNumber, formatShare } from '../format';
import { useLoad } from '../load';
import { SmallChart } from '../chart';
import { ErrorNotice, Figure, Loading, Section, Tabs } from '../ui';

type Period = 'today' | 'month';

interface OverviewReport {
  period: Period;
  messages: number;
  unplaced: number;
  lookups: number;
  tickets: { asked: number; open: number; taken: number; late: number };
  broadcasts: { sent: number; recipients: number };
  satisfaction: { ratings: number; satisfiedShare: number | null };
  days: Array<{ date: string; messages: number; unplaced: number; lookups: number; tickets: number }>;
}

const REFRESH_MS = 60_000;

function Figures({ report }: { report: OverviewReport }) {
  return (
    <div class="figures" data-testid="overview-figures">
      <Figure label={t('overview.messages')} value={formatNumber(report.messages)} />
      <Figure label={t('overview.unplaced')} value={formatNumber(report.unplaced)} tone={report.unplaced ? 'bad' : undefined} />
      <Figure label={t('overview.ticketsAsked')} value={formatNumber(report.tickets.asked)} />
      <Figure label={t('overview.ticketsOpen')} value={formatNumber(report.tickets.open + report.tickets.taken)} />
      <Figure label={t('overview.ticketsLate')} value={formatNumber(report.tickets.late)} tone={report.tickets.late ? 'bad' : 'good'} />
      <Figure label={t('overview.broadcasts')} value={formatNumber(report.broadcasts.sent)} />
      <Figure label={t('overview.recipients')} value={formatNumber(report.broadcasts.recipients)} />
      <Figure label={t('overview.lookups')} value={formatNumber(report.lookups)} />
      <Figure
        label={t('overview.satisfied', { count: formatNumber(report.satisfaction.ratings) })}
        value={formatShare(report.satisfaction.satisfiedShare)}
      />
    </div>
  );
}

function Month({ days }: { days: OverviewReport['days'] }) {
  const labels = days.map((d) => d.date.slice(8, 10));
  const total = (key: 'messages' | 'unplaced' | 'lookups' | 'tickets') => formatNumber(days.reduce((n, d) => n + d[key], 0));
  return (
    <div class="chart-grid">
      <figure class="chart-figure">
        <figcaption>{t('overview.messagesByDay')}</figcaption>
        <SmallChart
          type="line"
          labels={labels}
          series={[
            { label: t('overview.messages'), values: days.map((d) => d.messages) },
            { label: t('overview.unplaced'), values: days.map((d) => d.unplaced) },
          ]}
          summary={t('overview.messagesSummary', { messages: total('messages'), unplaced: total('unplaced') })}
        />
      </figure>
      <figure class="chart-figure">
        <figcaption>{t('overview.workByDay')}</figcaption>
        <SmallChart
          type="bar"
          labels={labels}
          series={[
            { label: t('overview.ticketsAsked'), values: days.map((d) => d.tickets) },
            { label: t('overview.lookups'), values: days.map((d) => d.lookups) },
          ]}
          summary={t('overview.workSummary', { tickets: total('tickets'), lookups: total('lookups') })}
        />
      </figure>
    </div>
  );
}

export function Overview(_props: { me: Me }) {
  const [period, setPeriod] = useState<Period>('today');
  const report = useLoad(() => api.get<OverviewReport>(`/overview?period=${period}`), [period], { every: REFRESH_MS, while: () => true });
  return (
    <>
      <h1>{t('pages.overview')}</h1>
      <Section title={period === 'today' ? t('overview.today') : t('overview.month')}>
        <Tabs
          label={t('overview.period')}
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'today', label: t('overview.today') },
            { value: 'month', label: t('overview.month') },
          ]}
        />
        <ErrorNotice error={report.error} />
        {report.data ? <Figures report={report.data} /> : !report.error && <Loading />}
      </Section>
      {report.data && (
        <Section title={t('overview.thisMonth')}>
          <Month days={report.data.days} />
        </Section>
      )}
    </>
  );
}
