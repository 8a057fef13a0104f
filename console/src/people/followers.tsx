/**
 * The followers: how many in each village and topic (a chart and the figures), one page of the
 * followers of a village or topic, and the CSV import (dry run first).
 */
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { t } from '../i18n';
import { formatNumber } from '../format';
import { useLoad } from '../load';
import { SmallChart } from '../chart';
import { CsvImport } from '../csv-import';
import type { FollowerCounts } from '../commune';
import { ErrorNotice, Figure, Loading, Section, Select, TableWrap } from '../ui';

interface FollowerPage {
  counts: FollowerCounts;
  matching: number;
  offset: number;
  limit: number;
  followers: Array<{ id: string; displayName?: string; village: string | null; topics: string[]; stopped: boolean }>;
}

const PAGE = 50;

export function Followers() {
  const [village, setVillage] = useState('');
  const [topic, setTopic] = useState('');
  const [offset, setOffset] = useState(0);
  const page = useLoad(
    () => api.get<FollowerPage>(`/followers${query({ village, topic, offset, limit: PAGE })}`),
    [village, topic, offset],
  );
  const counts = page.data?.counts;
  const topicName = (id: string) => counts?.topics.find((tp) => tp.topic === id)?.name ?? id;
  return (
    <Section title={t('people.followers')}>
      <ErrorNotice error={page.error} />
      {!counts ? (
        !page.error && <Loading />
      ) : (
        <>
          <div class="figures">
            <Figure label={t('people.followersTotal')} value={formatNumber(counts.total)} />
            <Figure label={t('people.followersStopped')} value={formatNumber(counts.stopped)} />
            <Figure label={t('people.withoutVillage')} value={formatNumber(counts.withoutVillage)} />
          </div>
          <div class="chart-grid">
            <SmallChart
              type="bar"
              labels={counts.villages.map((v) => v.village)}
              series={[{ label: t('people.followers'), values: counts.villages.map((v) => v.count) }]}
              summary={t('people.byVillageSummary', { list: counts.villages.map((v) => `${v.village} ${v.count}`).join(', ') })}
            />
            <SmallChart
              type="bar"
              labels={counts.topics.map((tp) => tp.name)}
              series={[{ label: t('people.followers'), values: counts.topics.map((tp) => tp.count) }]}
              summary={t('people.byTopicSummary', { list: counts.topics.map((tp) => `${tp.name} ${tp.count}`).join(', ') })}
            />
          </div>
          <div class="row">
            <Select
              label={t('tickets.village')}
              value={village}
              onChange={(v) => {
                setVillage(v);
                setOffset(0);
              }}
              options={[
                { value: '', label: t('common.allVillages') },
                ...counts.villages.map((v) => ({ value: v.village, label: `${v.village} (${formatNumber(v.count)})` })),
              ]}
            />
            <Select
              label={t('people.topic')}
              value={topic}
              onChange={(v) => {
                setTopic(v);
                setOffset(0);
              }}
              options={[
                { value: '', label: t('common.all') },
                ...counts.topics.map((tp) => ({ value: tp.topic, label: `${tp.name} (${formatNumber(tp.count)})` })),
              ]}
            />
          </div>
          {page.data && (
            <TableWrap label={t('people.followers')}>
              <table class="table">
                <caption>{t('people.matching', { count: formatNumber(page.data.matching) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('people.name')}</th>
                    <th scope="col">{t('people.zaloId')}</th>
                    <th scope="col">{t('tickets.village')}</th>
                    <th scope="col">{t('people.topics')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.followers.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">
                        {f.displayName ?? '—'}
                        {f.stopped ? ` (${t('people.stopped')})` : ''}
                      </th>
                      <td class="mono">{f.id}</td>
                      <td>{f.village ?? '—'}</td>
                      <td>{f.topics.map(topicName).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <div class="actions">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('common.previous')}
            </button>
            <button type="button" disabled={!page.data || offset + PAGE >= page.data.matching} onClick={() => setOffset(offset + PAGE)}>
              {t('common.next')}
            </button>
          </div>
        </>
      )}
      <CsvImport path="/followers/import" title={t('people.importFollowers')} onWritten={page.reload} />
    </Section>
  );
}
