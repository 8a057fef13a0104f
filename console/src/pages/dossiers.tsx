/**
 * Dossiers: look one up by its code, import a one-stop export (dry run first), and the lookup
 * audit with the guessing alerts (someone trying codes or last-4 digits).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Me } from '../access';
import { t, tDynamic } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../load';
import type { Dossier } from '../types';
import { CsvImport } from '../csv-import';
import { ErrorNotice, Field, Loading, Section } from '../ui';

function Lookup() {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Dossier>();
  const [error, setError] = useState<unknown>();
  const look = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setFound(undefined);
    try {
      setFound(await api.get<Dossier>(`/dossiers/${encodeURIComponent(code.trim())}`));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('dossiers.lookup')}>
      <form class="inline-form" onSubmit={look}>
        <Field label={t('dossiers.code')} required value={code} onInput={(e) => setCode(e.currentTarget.value)} autocomplete="off" />
        <button type="submit" class="primary" disabled={!code.trim()}>
          {t('dossiers.find')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {found && (
        <dl class="details" data-testid="dossier">
          <dt>{t('dossiers.code')}</dt>
          <dd class="mono">{found.code}</dd>
          <dt>{t('dossiers.procedure')}</dt>
          <dd class="mono">{found.procedureCode}</dd>
          <dt>{t('common.status')}</dt>
          <dd>{tDynamic(`dossierStatus.s${found.status}`, String(found.status))}</dd>
          <dt>{t('dossiers.received')}</dt>
          <dd>{formatTime(found.receivedAt)}</dd>
          <dt>{t('dossiers.due')}</dt>
          <dd>{formatTime(found.dueAt)}</dd>
          <dt>{t('dossiers.finished')}</dt>
          <dd>{formatTime(found.finishedAt)}</dd>
          {found.note && (
            <>
              <dt>{t('dossiers.note')}</dt>
              <dd>{found.note}</dd>
            </>
          )}
          {found.missingDocuments?.length ? (
            <>
              <dt>{t('dossiers.missing')}</dt>
              <dd>{found.missingDocuments.join('; ')}</dd>
            </>
          ) : null}
          <dt>{t('common.updated')}</dt>
          <dd>{formatTime(found.updatedAt)}</dd>
        </dl>
      )}
    </Section>
  );
}

interface AuditEntry {
  at: string;
  [key: string]: unknown;
}

/** A list of audit-like entries: the time first, then whatever else each entry says. */
function EntryTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const columns = [...new Set(entries.flatMap((e) => Object.keys(e)))].filter((k) => k !== 'at');
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.time')}</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {tDynamic(`dossiers.columns.${c}`, c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            <tr key={i}>
              <td>{formatTime(entry.at)}</td>
              {columns.map((c) => (
                <td key={c}>{entry[c] === undefined ? '' : typeof entry[c] === 'object' ? JSON.stringify(entry[c]) : String(entry[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Audit() {
  const audit = useLoad(() => api.get<{ entries: AuditEntry[] }>('/dossiers/audit?limit=50'), []);
  const alerts = useLoad(() => api.get<{ alerts: AuditEntry[] }>('/dossiers/alerts'), []);
  return (
    <Section title={t('dossiers.audit')}>
      <h3>{t('dossiers.alerts')}</h3>
      <ErrorNotice error={alerts.error} />
      {!alerts.data ? !alerts.error && <Loading /> : alerts.data.alerts.length === 0 ? <p class="muted">{t('dossiers.noAlerts')}</p> : <EntryTable entries={alerts.data.alerts} caption={t('dossiers.alerts')} />}
      <h3>{t('dossiers.lookups')}</h3>
      <ErrorNotice error={audit.error} />
      {!audit.data ? !audit.error && <Loading /> : audit.data.entries.length === 0 ? <p class="muted">{t('dossiers.noLookups')}</p> : <EntryTable entries={audit.data.entries} caption={t('dossiers.lookups')} />}
    </Section>
  );
}

export function Dossiers(_props: { me: Me }) {
  return (
    <>
      <h1>{t('pages.dossiers')}</h1>
      <Lookup />
      <Section title={t('dossiers.import')}>
        <p class="muted">{t('dossiers.importIntro')}</p>
        <CsvImport path="/dossiers/import" title={t('dossiers.importFile')} />
      </Section>
      <Audit />
    </>
  );
}
