/**
 * Dossiers: look one up by its code, import a one-stop export (dry run first), and the lookup
 * audit with the guessing alerts (someone trying codes or last-4 digits).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Me } from '../access';
import { t, tDynamic } from '../i18n';
import { LookupAudit } from '../dossiers/lookup-audit';
import { formatTime } from '../format';
import type { Dossier } from '../types';
import { CsvImport } from '../csv-import';
import { ErrorNotice, Field, Section } from '../ui';

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

export function Dossiers(_props: { me: Me }) {
  return (
    <>
      <h1>{t('pages.dossiers')}</h1>
      <Lookup />
      <Section title={t('dossiers.import')}>
        <p class="muted">{t('dossiers.importIntro')}</p>
        <CsvImport path="/dossiers/import" title={t('dossiers.importFile')} />
      </Section>
      <LookupAudit />
    </>
  );
}
