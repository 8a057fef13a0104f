/** Reports: the satisfaction report and the questions the bot could not place. */
import type { Me } from '../access';
import { t } from '../i18n';
import { Ratings } from '../reports/ratings';
import { Unanswered } from '../reports/unanswered';

export function Reports(_props: { me: Me }) {
  return (
    <>
      <h1>{t('pages.reports')}</h1>
      <Ratings />
      <Unanswered />
    </>
  );
}
