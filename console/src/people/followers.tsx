import { t } from '../i18n';
import { CsvImport } from '../csv-import';
import { Section } from '../ui';

export function Followers() {
  return (
    <Section title={t('people.followers')}>
      <CsvImport path="/followers/import" title={t('people.importFollowers')} />
    </Section>
  );
}
