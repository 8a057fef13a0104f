/**
 * What officers have taught the bot so far: intent examples and search synonyms, newest first,
 * each with a button to remove it (a wrong synonym would keep steering the public search).
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, tDynamic } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../load';
import { ErrorNotice, Loading, TableWrap, RowAction } from '../ui';

interface Taught {
  examples: Array<{ intent: string; text: string; at: string; by: string }>;
  synonyms: Array<{ procedureCode: string; procedureName: string | null; phrase: string; at: string; by: string }>;
}

/** One taught item's remove button: asks first, names the item for a screen reader. */
function RemoveButton({ text, onRemove }: { text: string; onRemove: () => Promise<void> }) {
  const click = () => {
    if (confirm(t('reports.removeTaughtConfirm', { text }))) void onRemove();
  };
  return <RowAction label={t('reports.removeTaught')} named={t('reports.removeTaughtNamed', { text })} onClick={click} />;
}

const newestFirst = <T extends { at: string }>(list: T[]) => [...list].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 20);

export function TaughtSoFar({ version }: { version: number }) {
  const taught = useLoad(async (): Promise<Taught> => {
    const [examples, synonyms] = await Promise.all([
      api.get<Pick<Taught, 'examples'>>('/insights/examples'),
      api.get<Pick<Taught, 'synonyms'>>('/insights/synonyms'),
    ]);
    return { ...examples, ...synonyms };
  }, [version]);
  const [error, setError] = useState<unknown>();
  const remove = (path: string, body: Record<string, string>) => async () => {
    setError(undefined);
    try {
      await api.delete(path, body);
      taught.reload();
    } catch (err) {
      setError(err);
    }
  };
  if (!taught.data) return taught.error ? <ErrorNotice error={taught.error} /> : <Loading />;
  const { examples, synonyms } = taught.data;
  if (!examples.length && !synonyms.length) return <p class="muted">{t('reports.nothingTaught')}</p>;
  return (
    <>
      <ErrorNotice error={error} />
      <TableWrap label={t('reports.taughtSoFar')}>
        <table class="table" data-testid="taught">
          <caption>{t('reports.taughtSoFar')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.taughtText')}</th>
              <th scope="col">{t('reports.taughtAs')}</th>
              <th scope="col">{t('reports.taughtBy')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {newestFirst(examples).map((e) => (
              <tr key={`e-${e.text}`}>
                <th scope="row">{e.text}</th>
                <td>{t('reports.exampleOf', { intent: tDynamic(`intents.${e.intent}`, e.intent) })}</td>
                <td>
                  {e.by} · {formatTime(e.at)}
                </td>
                <td>
                  <RemoveButton text={e.text} onRemove={remove('/insights/examples', { intent: e.intent, text: e.text })} />
                </td>
              </tr>
            ))}
            {newestFirst(synonyms).map((s) => (
              <tr key={`s-${s.phrase}`}>
                <th scope="row">{s.phrase}</th>
                <td>{t('reports.synonymOf', { code: s.procedureCode, name: s.procedureName ?? '' })}</td>
                <td>
                  {s.by} · {formatTime(s.at)}
                </td>
                <td>
                  <RemoveButton text={s.phrase} onRemove={remove('/insights/synonyms', { phrase: s.phrase })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
