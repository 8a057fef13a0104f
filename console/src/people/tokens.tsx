/**
 * API tokens (admin): the list (never the tokens themselves), a new one — shown once, to copy
 * now — and revoking one.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { ROLES, type Role } from '../access';
import { t } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../load';
import { ErrorNotice, Field, fieldError, Loading, Section, Select, TableWrap, RowAction } from '../ui';

interface TokenInfo {
  id: string;
  role: Role;
  name: string;
  village?: string;
  createdAt?: string;
}

function NewToken({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="notice success" role="status">
      <p>
        <strong>{t('people.tokenOnce')}</strong>
      </p>
      <Field
        label={t('people.newToken')}
        readOnly
        value={token}
        class="mono"
        onFocus={(e) => e.currentTarget.select()}
        data-testid="new-token"
      />
      <div class="actions">
        <button type="button" onClick={() => navigator.clipboard.writeText(token).then(() => setCopied(true))}>
          {copied ? t('people.copied') : t('people.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.done')}
        </button>
      </div>
    </div>
  );
}

export function Tokens() {
  const tokens = useLoad(() => api.get<{ tokens: TokenInfo[] }>('/tokens'), []);
  const [form, setForm] = useState({ role: 'officer' as Role, name: '', village: '' });
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<unknown>();
  const create = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const made = await api.post<{ id: string; token: string }>('/tokens', {
        role: form.role,
        name: form.name,
        ...(form.role === 'team' ? { village: form.village } : {}),
      });
      setCreated(made.token);
      setForm({ ...form, name: '' });
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (token: TokenInfo) => {
    if (!confirm(t('people.revokeConfirm', { name: token.name }))) return;
    try {
      await api.delete(`/tokens/${encodeURIComponent(token.id)}`);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('people.tokens')}>
      {created && <NewToken token={created} onDone={() => setCreated(undefined)} />}
      <ErrorNotice error={tokens.error} />
      {!tokens.data ? (
        !tokens.error && <Loading />
      ) : (
        <TableWrap label={t('people.tokens')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('tickets.village')}</th>
                <th scope="col">{t('common.created')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{t(`roles.${token.role}`)}</td>
                  <td>{token.village === 'commune' ? t('common.communeTeam') : (token.village ?? '')}</td>
                  <td>{formatTime(token.createdAt)}</td>
                  <td>
                    <RowAction
                      label={t('people.revoke')}
                      named={t('people.revokeNamed', { name: token.name })}
                      onClick={() => revoke(token)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <form class="inline-form" onSubmit={create}>
        <h3>{t('people.createToken')}</h3>
        <div class="row">
          <Select
            label={t('people.role')}
            value={form.role}
            onChange={(role) => setForm({ ...form, role })}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <Field
            label={t('people.name')}
            required
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fieldError(error, 'name')}
          />
          {form.role === 'team' && (
            <Field
              label={t('tickets.village')}
              required
              value={form.village}
              onInput={(e) => setForm({ ...form, village: e.currentTarget.value })}
              hint={t('people.villageHint')}
              error={fieldError(error, 'village')}
            />
          )}
        </div>
        <ErrorNotice error={error} />
        <button type="submit" class="primary">
          {t('people.create')}
        </button>
      </form>
    </Section>
  );
}
