/** Sign-in with an API token: checked against GET /api/v1/me before it is kept for the session. */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { Me } from '../access';
import { t } from '../i18n';
import { storeToken } from '../session';
import { errorText, Field } from '../ui';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const me = await api.get<Me>('/me', token.trim());
      storeToken(token.trim());
      onSignedIn(me);
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 401 ? t('signIn.wrongToken') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card signin" onSubmit={submit}>
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <Field
        label={t('signIn.token')}
        type="password"
        autocomplete="off"
        spellcheck={false}
        required
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
        error={problem}
      />
      <button type="submit" class="primary" disabled={busy || !token.trim()}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}
