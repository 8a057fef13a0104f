/**
 * Uploading a CSV export: the file is sent with `?dryRun=true` first and the report shown — rows
 * that will be written, bad rows with what is wrong in each, columns ignored — and only then, on
 * the officer's word, sent again to be written.
 */
import { useId, useState } from 'preact/hooks';
import { api } from './api';
import { t } from './i18n';
import { formatNumber } from './format';
import { ErrorNotice, Notice, TableWrap } from './ui';

type Problem = string | { field?: string; column?: string; message: string };

export interface ImportReport {
  dryRun?: boolean;
  bad?: Array<{ line: number; code?: string; problems: Problem[] }>;
  badCount?: number;
  ignoredColumns?: string[];
  [key: string]: unknown;
}

const problemText = (p: Problem) => (typeof p === 'string' ? p : `${p.column ?? p.field ?? ''}: ${p.message}`);

/** The counts a report may give, in the order they are read; a list counts its entries. */
const COUNTED = ['rows', 'imported', 'created', 'updated', 'unchanged', 'statusChanges', 'bad'] as const;

type Counted = (typeof COUNTED)[number];

function counts(report: ImportReport): Array<[Counted, number]> {
  return COUNTED.flatMap((key): Array<[Counted, number]> => {
    // The server lists the first bad rows and counts them all.
    const value = key === 'bad' ? (report.badCount ?? report.bad?.length) : report[key];
    if (typeof value === 'number') return [[key, value]];
    return Array.isArray(value) ? [[key, value.length]] : [];
  });
}

export function ReportView({ report }: { report: ImportReport }) {
  const bad = report.bad ?? [];
  return (
    <div class="import-report" data-testid="import-report">
      <dl class="report-counts">
        {counts(report).map(([key, n]) => (
          <div key={key}>
            <dt>{t(`import.counts.${key}`)}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      {bad.length > 0 && (
        <TableWrap label={t('import.badRows')}>
          <table class="table" data-testid="bad-rows">
            <caption>{t('import.badRows')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('import.line')}
                </th>
                <th scope="col">{t('import.code')}</th>
                <th scope="col">{t('import.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {bad.map((row) => (
                <tr key={row.line}>
                  <td class="num">{row.line}</td>
                  <td class="mono">{row.code ?? ''}</td>
                  <td>{row.problems.map(problemText).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {report.ignoredColumns && report.ignoredColumns.length > 0 && (
        <p class="muted">{t('import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
      )}
    </div>
  );
}

/** `onWritten`: the page reads again what the import changed (the followers' counts). */
export function CsvImport({ path, title, onWritten }: { path: string; title: string; onWritten?: () => void }) {
  const id = useId();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportReport>();
  const [written, setWritten] = useState<ImportReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const report = await api.post<ImportReport>(`${path}?dryRun=${dryRun}`, file);
      if (dryRun) setPreview(report);
      else {
        setWritten(report);
        onWritten?.();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const choose = (input: HTMLInputElement) => {
    setPreview(undefined);
    setWritten(undefined);
    setFile(input.files?.[0]);
  };

  return (
    <div class="csv-import">
      <h3>{title}</h3>
      <div class="field">
        <label for={id}>{t('import.file')}</label>
        <input id={id} type="file" accept=".csv,text/csv" onChange={(e) => choose(e.currentTarget)} />
      </div>
      <div class="actions">
        <button type="button" disabled={!file || busy} onClick={() => send(true)}>
          {t('import.check')}
        </button>
        {preview && !written && (
          <button type="button" class="primary" disabled={busy} onClick={() => send(false)}>
            {t('import.write')}
          </button>
        )}
      </div>
      <ErrorNotice error={error} />
      {preview && !written && (
        <>
          <Notice>{t('import.dryRunDone', { file: file?.name ?? '' })}</Notice>
          <ReportView report={preview} />
        </>
      )}
      {written && (
        <>
          <Notice kind="success">{t('import.written', { file: file?.name ?? '' })}</Notice>
          <ReportView report={written} />
        </>
      )}
    </div>
  );
}
