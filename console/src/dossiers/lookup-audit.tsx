/**
 * The dossier lookups citizens made through the chat, over a period: how many per outcome, the
 * latest ones (people hashed), and the guessing alerts — codes that drew many wrong second
 * factors within an hour, and those locked now.
 */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t, tDynamic } from '../i18n';
import { formatNumber, formatTime, vietnamDate } from '../format';
import { useLoad } from '../load';
import { ErrorNotice, Field, Figure, Loading, Section, TableWrap } from '../ui';

interface AuditReport {
  counts: Record<string, number>;
  total: number;
  entries: Array<{ at: string; user: string; code: string; outcome: string }>;
}

interface AlertReport {
  threshold: number;
  alerts: Array<{
    code: string;
    wrongAnswers: number;
    users: number;
    peakHour: number;
    refusedWhileLocked: number;
    firstAt: string;
    lastAt: string;
    lockedUntil: string | null;
  }>;
}

function Alerts({ report }: { report: AlertReport }) {
  if (report.alerts.length === 0) return <p class="muted">{t('dossiers.noAlerts')}</p>;
  return (
    <TableWrap label={t('dossiers.alerts')}>
      <table class="table">
        <caption>{t('dossiers.alertsCaption', { threshold: report.threshold })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dossiers.code')}</th>
            <th scope="col" class="num">
              {t('dossiers.wrongAnswers')}
            </th>
            <th scope="col" class="num">
              {t('dossiers.people')}
            </th>
            <th scope="col" class="num">
              {t('dossiers.peakHour')}
            </th>
            <th scope="col">{t('dossiers.lastAt')}</th>
            <th scope="col">{t('dossiers.lockedUntil')}</th>
          </tr>
        </thead>
        <tbody>
          {report.alerts.map((a) => (
            <tr key={a.code}>
              <th scope="row" class="mono">
                {a.code}
              </th>
              <td class="num">{formatNumber(a.wrongAnswers)}</td>
              <td class="num">{formatNumber(a.users)}</td>
              <td class="num">{formatNumber(a.peakHour)}</td>
              <td>{formatTime(a.lastAt)}</td>
              <td>{a.lockedUntil ? formatTime(a.lockedUntil) : t('dossiers.notLocked')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Lookups({ report }: { report: AuditReport }) {
  return (
    <>
      <div class="figures">
        <Figure label={t('dossiers.lookupsTotal')} value={formatNumber(report.total)} />
        {Object.entries(report.counts).map(([outcome, n]) => (
          <Figure
            key={outcome}
            label={tDynamic(`lookupOutcomes.${outcome}`, outcome)}
            value={formatNumber(n)}
            tone={outcome === 'wrong_factor' && n > 0 ? 'bad' : undefined}
          />
        ))}
      </div>
      {report.entries.length === 0 ? (
        <p class="muted">{t('dossiers.noLookups')}</p>
      ) : (
        <TableWrap label={t('dossiers.lookups')}>
          <table class="table">
            <caption>{t('dossiers.lookups')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.time')}</th>
                <th scope="col">{t('dossiers.code')}</th>
                <th scope="col">{t('dossiers.outcome')}</th>
                <th scope="col">{t('dossiers.person')}</th>
              </tr>
            </thead>
            <tbody>
              {report.entries.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>{formatTime(e.at)}</td>
                  <td class="mono">{e.code}</td>
                  <td>{tDynamic(`lookupOutcomes.${e.outcome}`, e.outcome)}</td>
                  <td class="mono">{e.user.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

export function LookupAudit() {
  const [from, setFrom] = useState(vietnamDate(6));
  const [to, setTo] = useState(vietnamDate());
  const audit = useLoad(() => api.get<AuditReport>(`/dossiers/audit${query({ from, to, limit: 100 })}`), [from, to]);
  const alerts = useLoad(() => api.get<AlertReport>(`/dossiers/alerts${query({ from, to })}`), [from, to]);
  return (
    <Section title={t('dossiers.audit')}>
      <div class="row">
        <Field label={t('common.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <Field label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </div>
      <h3>{t('dossiers.alerts')}</h3>
      <ErrorNotice error={alerts.error} />
      {alerts.data ? <Alerts report={alerts.data} /> : !alerts.error && <Loading />}
      <h3>{t('dossiers.lookups')}</h3>
      <ErrorNotice error={audit.error} />
      {audit.data ? <Lookups report={audit.data} /> : !audit.error && <Loading />}
    </Section>
  );
}
