/**
 * Who an announcement goes to: everyone, some villages or some topics, with the live count of
 * followers it reaches now (POST /api/v1/broadcasts/audience-count, asked again 300 ms after the
 * last change).
 */
import { api } from '../api';
import { t } from '../i18n';
import { formatNumber } from '../format';
import { useDebounced } from '../load';
import type { Audience } from '../types';
import { errorText, Tabs } from '../ui';
import type { CommuneLists } from '../commune';

export type AudienceMode = 'all' | 'villages' | 'topics';

export interface AudienceChoice {
  mode: AudienceMode;
  villages: string[];
  topics: string[];
}

export function toAudience(choice: AudienceChoice): Audience | undefined {
  if (choice.mode === 'all') return { all: true };
  if (choice.mode === 'villages') return choice.villages.length ? { villages: choice.villages } : undefined;
  return choice.topics.length ? { topics: choice.topics } : undefined;
}

function Checklist({
  legend,
  items,
  chosen,
  onChange,
}: {
  legend: string;
  items: Array<{ value: string; label: string }>;
  chosen: string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset class="checklist">
      <legend>{legend}</legend>
      {items.map((item) => (
        <label key={item.value} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(item.value)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, item.value] : chosen.filter((v) => v !== item.value))}
          />
          {item.label}
        </label>
      ))}
    </fieldset>
  );
}

export function AudiencePicker({
  choice,
  onChange,
  lists,
  error,
}: {
  choice: AudienceChoice;
  onChange: (c: AudienceChoice) => void;
  lists: CommuneLists;
  error?: string;
}) {
  const audience = toAudience(choice);
  const count = useDebounced(
    () => (audience ? api.post<{ count: number }>('/broadcasts/audience-count', { audience }) : Promise.resolve({ count: 0 })),
    [JSON.stringify(audience)],
  );
  return (
    <div class="audience">
      <Tabs
        label={t('announcements.audience')}
        value={choice.mode}
        onChange={(mode) => onChange({ ...choice, mode })}
        options={[
          { value: 'all', label: t('announcements.everyone') },
          { value: 'villages', label: t('announcements.byVillage') },
          { value: 'topics', label: t('announcements.byTopic') },
        ]}
      />
      {choice.mode === 'villages' && (
        <Checklist
          legend={t('announcements.villages')}
          items={lists.villages.map((v) => ({ value: v, label: v }))}
          chosen={choice.villages}
          onChange={(villages) => onChange({ ...choice, villages })}
        />
      )}
      {choice.mode === 'topics' && (
        <Checklist
          legend={t('announcements.topics')}
          items={lists.topics.map((tp) => ({ value: tp.id, label: tp.label }))}
          chosen={choice.topics}
          onChange={(topics) => onChange({ ...choice, topics })}
        />
      )}
      {error && <p class="field-error">{error}</p>}
      <p class="recipients" role="status" aria-live="polite" data-testid="recipient-count">
        {!audience
          ? t('announcements.pickSome')
          : count.error
            ? errorText(count.error)
            : count.loading || !count.data
              ? t('announcements.counting')
              : t('announcements.recipients', { count: formatNumber(count.data.count) })}
      </p>
    </div>
  );
}
