/** People: the followers (officers), the village teams, and for an admin the staff and the API tokens. */
import { isAdmin, type Me } from '../access';
import { t } from '../i18n';
import { Followers } from '../people/followers';
import { Staff } from '../people/staff';
import { Teams } from '../people/teams';
import { Tokens } from '../people/tokens';

export function People({ me }: { me: Me }) {
  return (
    <>
      <h1>{t('pages.people')}</h1>
      <Followers />
      <Teams />
      {isAdmin(me) && <Staff />}
      {isAdmin(me) && <Tokens />}
    </>
  );
}
