/** Questions (tickets): the inbox and the per-village figures, or one ticket's conversation. */
import type { Me } from '../access';
import { t } from '../i18n';
import { Inbox } from '../tickets/inbox';
import { Conversation } from '../tickets/conversation';
import { TicketFigures } from '../tickets/figures';

export function Tickets({ me, id }: { me: Me; id?: string }) {
  const village = me.role === 'team' && me.village !== 'commune' ? me.village : undefined;
  return (
    <>
      <h1>{t('pages.tickets')}</h1>
      {id ? (
        <Conversation id={id} me={me} />
      ) : (
        <>
          <Inbox fixedVillage={village} />
          <TicketFigures />
        </>
      )}
    </>
  );
}
