/**
 * Writing an announcement: the text, an image link, a link button, who gets it (with the live
 * count), when (now, at a time, or again and again), beside the preview drawn like Zalo draws it.
 * Sent → the progress page of the new broadcast.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { go } from '../route';
import { useLoad } from '../load';
import { loadCommuneLists } from '../commune';
import type { Broadcast } from '../types';
import { ErrorNotice, Field, fieldError, Loading, Section, Select, Tabs, TextArea } from '../ui';
import { AudiencePicker, toAudience, type AudienceChoice } from './audience-picker';
import { ZaloPreview, type Draft } from './zalo-preview';

const TEXT_MAX = 2000;
const LINK_TITLE_MAX = 20;

type When = 'now' | 'later' | 'repeat';
type Rhythm = 'daily' | 'weekly';

interface Timing {
  when: When;
  /** datetime-local: Vietnam's wall-clock time, which the API takes as such. */
  sendAt: string;
  rhythm: Rhythm;
  time: string;
  weekday: string;
  until: string;
}

/** A repeat as the API's cron, read in Vietnam's time: "30 7 * * *" every day at 07:30. */
function repeatOf(timing: Timing) {
  const [hour = '7', minute = '0'] = timing.time.split(':');
  const cron = `${Number(minute)} ${Number(hour)} * * ${timing.rhythm === 'weekly' ? timing.weekday : '*'}`;
  return { cron, ...(timing.until ? { until: `${timing.until}T23:59` } : {}) };
}

function bodyOf(draft: Draft, choice: AudienceChoice, timing: Timing) {
  return {
    text: draft.text,
    audience: toAudience(choice) ?? {},
    ...(draft.imageUrl.trim() ? { imageUrl: draft.imageUrl.trim() } : {}),
    ...(draft.linkTitle.trim() || draft.linkUrl.trim() ? { link: { title: draft.linkTitle.trim(), url: draft.linkUrl.trim() } } : {}),
    ...(timing.when === 'later' ? { sendAt: timing.sendAt } : {}),
    ...(timing.when === 'repeat' ? { repeat: repeatOf(timing) } : {}),
  };
}

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '0'] as const;

export function Compose({ oaName }: { oaName: string }) {
  const lists = useLoad(loadCommuneLists, []);
  const [draft, setDraft] = useState<Draft>({ text: '', imageUrl: '', linkTitle: '', linkUrl: '' });
  const [choice, setChoice] = useState<AudienceChoice>({ mode: 'all', villages: [], topics: [] });
  const [timing, setTiming] = useState<Timing>({ when: 'now', sendAt: '', rhythm: 'daily', time: '07:30', weekday: '1', until: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const edit = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<Broadcast>('/broadcasts', bodyOf(draft, choice, timing));
      go('announcements', created.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('announcements.compose')}>
      <form class="compose" onSubmit={submit} noValidate>
        <div class="compose-fields">
          <TextArea
            label={t('announcements.text')}
            rows={6}
            maxLength={TEXT_MAX}
            required
            value={draft.text}
            onInput={(e) => edit({ text: e.currentTarget.value })}
            hint={t('announcements.textCount', { count: draft.text.length, max: TEXT_MAX })}
            error={fieldError(error, 'text')}
          />
          <Field
            label={t('announcements.imageUrl')}
            type="url"
            inputMode="url"
            placeholder="https://…"
            value={draft.imageUrl}
            onInput={(e) => edit({ imageUrl: e.currentTarget.value })}
            error={fieldError(error, 'imageUrl')}
          />
          <div class="row">
            <Field
              label={t('announcements.linkTitle')}
              maxLength={LINK_TITLE_MAX}
              value={draft.linkTitle}
              onInput={(e) => edit({ linkTitle: e.currentTarget.value })}
              error={fieldError(error, 'link.title')}
            />
            <Field
              label={t('announcements.linkUrl')}
              type="url"
              inputMode="url"
              placeholder="https://…"
              value={draft.linkUrl}
              onInput={(e) => edit({ linkUrl: e.currentTarget.value })}
              error={fieldError(error, 'link.url') ?? fieldError(error, 'link')}
            />
          </div>
          <h3>{t('announcements.audience')}</h3>
          {lists.data ? (
            <AudiencePicker
              choice={choice}
              onChange={setChoice}
              lists={lists.data}
              error={fieldError(error, 'audience') ?? fieldError(error, 'audience.villages') ?? fieldError(error, 'audience.topics')}
            />
          ) : lists.error ? (
            <ErrorNotice error={lists.error} />
          ) : (
            <Loading />
          )}
          <h3>{t('announcements.when')}</h3>
          <Tabs
            label={t('announcements.when')}
            value={timing.when}
            onChange={(when) => setTiming({ ...timing, when })}
            options={[
              { value: 'now', label: t('announcements.now') },
              { value: 'later', label: t('announcements.later') },
              { value: 'repeat', label: t('announcements.repeat') },
            ]}
          />
          {timing.when === 'later' && (
            <Field
              label={t('announcements.sendAt')}
              type="datetime-local"
              required
              value={timing.sendAt}
              onInput={(e) => setTiming({ ...timing, sendAt: e.currentTarget.value })}
              hint={t('announcements.vietnamTime')}
              error={fieldError(error, 'sendAt')}
            />
          )}
          {timing.when === 'repeat' && (
            <div class="row">
              <Select
                label={t('announcements.rhythm')}
                value={timing.rhythm}
                onChange={(rhythm) => setTiming({ ...timing, rhythm })}
                options={[
                  { value: 'daily', label: t('announcements.daily') },
                  { value: 'weekly', label: t('announcements.weekly') },
                ]}
              />
              {timing.rhythm === 'weekly' && (
                <Select
                  label={t('announcements.weekday')}
                  value={timing.weekday}
                  onChange={(weekday) => setTiming({ ...timing, weekday })}
                  options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekdays.d${d}`) }))}
                />
              )}
              <Field
                label={t('announcements.atTime')}
                type="time"
                value={timing.time}
                onInput={(e) => setTiming({ ...timing, time: e.currentTarget.value })}
                error={fieldError(error, 'repeat.cron') ?? fieldError(error, 'repeat')}
              />
              <Field
                label={t('announcements.until')}
                type="date"
                value={timing.until}
                onInput={(e) => setTiming({ ...timing, until: e.currentTarget.value })}
                error={fieldError(error, 'repeat.until')}
              />
            </div>
          )}
          <ErrorNotice error={error} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {timing.when === 'now' ? t('announcements.sendNow') : t('announcements.schedule')}
            </button>
            <a class="button" href="#/announcements">
              {t('common.cancel')}
            </a>
          </div>
        </div>
        <ZaloPreview draft={draft} oaName={oaName} />
      </form>
    </Section>
  );
}
