/** The language of a message to one user: the one they chose, else the service's default. */
import type { I18n, Locale, Translate } from '../i18n';
import type { UserProfiles } from '../domain/user-profiles';

export interface UserLanguageDeps {
  i18n: I18n;
  profiles: Pick<UserProfiles, 'locale'>;
}

export async function userLocale(deps: UserLanguageDeps, userId: string): Promise<Locale> {
  return (await deps.profiles.locale(userId)) ?? deps.i18n.defaultLocale;
}

export async function userTranslator(deps: UserLanguageDeps, userId: string): Promise<Translate> {
  return deps.i18n.translator(await userLocale(deps, userId));
}
