import type { Me } from '../access';
import { t } from '../i18n';

export function Overview(_props: { me: Me }) {
  return <h1>{t('pages.overview')}</h1>;
}
