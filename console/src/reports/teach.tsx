/**
 * Teaching the bot from a group of unplaced questions: the group's ways of typing it become
 * examples of an intent (the understanding layer learns them), or the group's wording becomes a
 * search synonym of one procedure (found with the public search). The worker picks both up without
 * a deploy; the API checks each against the data it joins.
 */
import { useId, useState } from 'preact/hooks';
import { api } from '../api';
import { keysUnder, t, tDynamic } from '../i18n';
import { useDebounced } from '../load';
import { ErrorNotice, Field, fieldError, Notice, Select, Tabs } from '../ui';

export interface TeachableGroup {
  text: string;
  examples: string[];
}

type Way = 'example' | 'synonym';

interface ProcedureHit {
  code: string;
  name: string;
}

function ExampleForm({ group, onTaught }: { group: TeachableGroup; onTaught: (message: string) => void }) {
  const intents = keysUnder('intents');
  const [intent, setIntent] = useState(intents[0] ?? 'procedure');
  const [error, setError] = useState<unknown>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const taught = await api.post<{ added: string[]; known: string[] }>('/insights/examples', { intent, texts: group.examples });
      onTaught(
        t('reports.taughtExample', {
          count: taught.added.length,
          known: taught.known.length,
          intent: tDynamic(`intents.${intent}`, intent),
        }),
      );
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit}>
      <Select
        label={t('reports.intent')}
        value={intent}
        onChange={setIntent}
        options={intents.map((id) => ({ value: id, label: tDynamic(`intents.${id}`, id) }))}
      />
      <p class="hint">{t('reports.examplesAre', { examples: group.examples.join(' · ') })}</p>
      <ErrorNotice error={error} />
      {fieldError(error, 'texts') && <p class="field-error">{fieldError(error, 'texts')}</p>}
      <button type="submit" class="primary">
        {t('reports.addExamples')}
      </button>
    </form>
  );
}

function SynonymForm({ group, onTaught }: { group: TeachableGroup; onTaught: (message: string) => void }) {
  const [phrase, setPhrase] = useState(group.examples[0] ?? group.text);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const radioName = useId();
  const hits = useDebounced(() => api.get<{ results: ProcedureHit[] }>(`/procedures?q=${encodeURIComponent(phrase)}&limit=5`), [phrase]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('/insights/synonyms', { procedureCode: code, phrase });
      onTaught(t('reports.taughtSynonym', { phrase, code }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit}>
      <Field
        label={t('reports.phrase')}
        value={phrase}
        onInput={(e) => setPhrase(e.currentTarget.value)}
        error={fieldError(error, 'phrase')}
      />
      <fieldset>
        <legend>{t('reports.procedure')}</legend>
        {(hits.data?.results ?? []).map((hit) => (
          <label key={hit.code} class="check">
            <input type="radio" name={radioName} value={hit.code} checked={code === hit.code} onChange={() => setCode(hit.code)} />
            <span>
              <span class="mono">{hit.code}</span> {hit.name}
            </span>
          </label>
        ))}
        {hits.data?.results.length === 0 && <p class="muted">{t('reports.noProcedure')}</p>}
      </fieldset>
      <Field
        label={t('reports.procedureCode')}
        value={code}
        onInput={(e) => setCode(e.currentTarget.value)}
        hint={t('reports.procedureCodeHint')}
        error={fieldError(error, 'procedureCode')}
      />
      <ErrorNotice error={error} />
      <button type="submit" class="primary" disabled={!code.trim() || !phrase.trim()}>
        {t('reports.addSynonym')}
      </button>
    </form>
  );
}

export function Teach({ group, onTaught }: { group: TeachableGroup; onTaught: () => void }) {
  const [way, setWay] = useState<Way>('example');
  const [done, setDone] = useState<string>();
  const taught = (message: string) => {
    setDone(message);
    onTaught();
  };
  if (done) return <Notice kind="success">{done}</Notice>;
  return (
    <div class="teach">
      <Tabs
        label={t('reports.teach')}
        value={way}
        onChange={setWay}
        options={[
          { value: 'example', label: t('reports.asExample') },
          { value: 'synonym', label: t('reports.asSynonym') },
        ]}
      />
      {way === 'example' ? <ExampleForm group={group} onTaught={taught} /> : <SynonymForm group={group} onTaught={taught} />}
    </div>
  );
}
