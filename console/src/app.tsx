/**
 * The shell: sign-in until the token is known, then the menu of the pages the role may use, the
 * language switch and the page in the address. A page outside the role's menu is not drawn.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, whenSignedOut } from './api';
import { pagesFor, type Me, type Page } from './access';
import { lang, setLang, t } from './i18n';
import { forgetToken, storedToken, storeToken, takeTokenFromAddress, type LinkToken } from './session';
import { href, useRoute } from './route';
import { SignIn } from './pages/sign-in';
import { Overview } from './pages/overview';
import { Announcements } from './pages/announcements';
import { Tickets } from './pages/tickets';
import { Dossiers } from './pages/dossiers';
import { People } from './pages/people';
import { Reports } from './pages/reports';
import { ErrorNotice, Loading, Notice } from './ui';
import { SwitchTokenPrompt } from './switch-token';

const PAGE_VIEWS: Record<Page, (props: { me: Me; id?: string }) => preact.JSX.Element> = {
  overview: Overview,
  announcements: Announcements,
  tickets: Tickets,
  dossiers: Dossiers,
  people: People,
  reports: Reports,
};

/** `link`: what the address's sign-in link did when the page loaded. */
export function App({ link }: { link: LinkToken }) {
  const [me, setMe] = useState<Me | undefined>();
  const [checking, setChecking] = useState(storedToken() !== null);
  const [error, setError] = useState<unknown>();
  const [signedOut, setSignedOut] = useState(false);
  const [, setLangShown] = useState(lang());
  // A link's token that differs from the session's, until the officer says whether to switch.
  const [offered, setOffered] = useState(link.kind === 'ask' ? link.token : undefined);

  const check = () => {
    if (!storedToken()) return;
    setChecking(true);
    api
      .get<Me>('/me')
      .then(setMe, setError)
      .finally(() => setChecking(false));
  };
  useEffect(() => {
    whenSignedOut(() => {
      setMe(undefined);
      setSignedOut(true);
    });
    // A sign-in link (#token=…) opened in a tab where the console already runs.
    const fromLink = () => {
      const taken = takeTokenFromAddress();
      if (taken.kind === 'kept') check();
      if (taken.kind === 'ask') setOffered(taken.token);
    };
    check();
    addEventListener('hashchange', fromLink);
    return () => removeEventListener('hashchange', fromLink);
  }, []);
  const answerOffer = (yes: boolean) => {
    if (yes && offered !== undefined) {
      storeToken(offered);
      setMe(undefined);
      setError(undefined);
      check();
    }
    setOffered(undefined);
  };

  const switchLang = () => {
    const next = lang() === 'vi' ? 'en' : 'vi';
    setLang(next);
    setLangShown(next);
  };
  const signOut = () => {
    forgetToken();
    setMe(undefined);
  };

  const langButton = (
    <button type="button" class="link-button" onClick={switchLang} lang={lang() === 'vi' ? 'en' : 'vi'}>
      {t('shell.otherLanguage')}
    </button>
  );
  const signInPage = (
    <>
      <header class="topbar">
        <span class="brand">{t('shell.title')}</span>
        {langButton}
      </header>
      <main id="main" class="signin-main">
        {signedOut ? <Notice kind="warning">{t('signIn.signedOut')}</Notice> : <ErrorNotice error={error} />}
        <SignIn
          onSignedIn={(signedIn) => {
            setSignedOut(false);
            setMe(signedIn);
          }}
        />
      </main>
    </>
  );
  return (
    <>
      {offered !== undefined && <SwitchTokenPrompt onAnswer={answerOffer} />}
      {checking ? <Loading /> : me ? <Shell me={me} langButton={langButton} onSignOut={signOut} /> : signInPage}
    </>
  );
}

function Shell({ me, langButton, onSignOut }: { me: Me; langButton: preact.JSX.Element; onSignOut: () => void }) {
  const route = useRoute();
  const pages = pagesFor(me.role);
  const page = pages.find((p) => p === route.page) ?? pages[0];
  useEffect(() => {
    document.title = `${page ? t(`pages.${page}`) : t('shell.title')} · ${t('shell.title')}`;
  }, [page, lang()]);
  const View = page ? PAGE_VIEWS[page] : undefined;
  return (
    <div class="layout">
      <a class="skip" href="#main">
        {t('shell.skip')}
      </a>
      <header class="topbar">
        <span class="brand">{t('shell.title')}</span>
        <span class="who">
          {me.name} · {t(`roles.${me.role}`)}
          {me.village ? ` · ${me.village === 'commune' ? t('common.communeTeam') : me.village}` : ''}
        </span>
        {langButton}
        <button type="button" class="link-button" onClick={onSignOut}>
          {t('shell.signOut')}
        </button>
      </header>
      <nav class="menu" aria-label={t('shell.menu')}>
        <ul>
          {pages.map((p) => (
            <li key={p}>
              <a href={href(p)} aria-current={p === page ? 'page' : undefined}>
                {t(`pages.${p}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {View ? <View me={me} id={route.page === page ? route.id : undefined} /> : <p class="notice warning">{t('shell.noPages')}</p>}
      </main>
    </div>
  );
}
