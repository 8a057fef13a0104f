/**
 * The village teams: who answers each village's questions, and the commune team. One team is
 * edited at a time: its name and one member a line, "Zalo id, display name".
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { useLoad } from '../load';
import type { Team } from '../types';
import { ErrorNotice, Field, fieldError, Loading, Notice, Section, TextArea } from '../ui';

const teamName = (key: string) => (key === 'commune' ? t('common.communeTeam') : key);

const membersText = (team: Team) => team.members.map((m) => (m.displayName ? `${m.zaloId}, ${m.displayName}` : m.zaloId)).join('\n');

function parseMembers(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [zaloId = '', ...name] = line.split(',');
      const displayName = name.join(',').trim();
      return displayName ? { zaloId: zaloId.trim(), displayName } : { zaloId: zaloId.trim() };
    });
}

function TeamEditor({ team, onSaved }: { team: Team; onSaved: () => void }) {
  const [name, setName] = useState(team.name);
  const [members, setMembers] = useState(membersText(team));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await api.put(`/teams/${encodeURIComponent(team.key)}`, { name, members: parseMembers(members) });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="inline-form" onSubmit={save}>
      <h3>{teamName(team.key)}</h3>
      <Field label={t('people.teamName')} value={name} onInput={(e) => setName(e.currentTarget.value)} error={fieldError(error, 'name')} />
      <TextArea
        label={t('people.members')}
        rows={4}
        value={members}
        onInput={(e) => setMembers(e.currentTarget.value)}
        hint={t('people.membersHint')}
        error={fieldError(error, 'members')}
      />
      <ErrorNotice error={error} />
      {saved && <Notice kind="success">{t('common.saved')}</Notice>}
      <button type="submit" class="primary">
        {t('common.save')}
      </button>
    </form>
  );
}

export function Teams() {
  const teams = useLoad(() => api.get<{ teams: Team[] }>('/teams'), []);
  const [open, setOpen] = useState<string>();
  return (
    <Section title={t('people.teams')}>
      <ErrorNotice error={teams.error} />
      {!teams.data ? (
        !teams.error && <Loading />
      ) : (
        <ul class="list">
          {teams.data.teams.map((team) => (
            <li key={team.key}>
              <div class="list-row">
                <span>
                  <strong>{teamName(team.key)}</strong> · {team.name} · {t('people.memberCount', { count: team.members.length })}
                </span>
                <button
                  type="button"
                  class="small"
                  aria-expanded={open === team.key}
                  onClick={() => setOpen(open === team.key ? undefined : team.key)}
                >
                  {open === team.key ? t('common.close') : t('common.edit')}
                  <span class="visually-hidden"> {teamName(team.key)}</span>
                </button>
              </div>
              {open === team.key && <TeamEditor team={team} onSaved={teams.reload} />}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
