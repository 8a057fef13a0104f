import { t } from '../i18n';
import { Section } from '../ui';

export function Unanswered() {
  return <Section title={t('reports.unanswered')}>{null}</Section>;
}
