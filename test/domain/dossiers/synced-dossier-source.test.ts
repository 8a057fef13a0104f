import { createClient } from 'redis';
import { createKeys } from '../../../src/store/keys';
import type { RedisClient } from '../../../src/store/redis';
import { DossierStore } from '../../../src/domain/dossiers/dossier-store';
import { SyncedDossierSource } from '../../../src/domain/dossiers/synced-dossier-source';
import type { Dossier } from '../../../src/domain/dossiers/dossier';
import type { DossierLookup, DossierSource } from '../../../src/domain/dossiers/dossier-source';
import { deleteKeys, uniquePrefix } from '../../helpers';

/** The provincial system's answers, scripted (the HTTP adapter itself is tested against a real server). */
class ScriptedSource implements DossierSource {
  answer: DossierLookup = { status: 'not_found' };
  async find(): Promise<DossierLookup> {
    return this.answer;
  }
}

describe('a provincial system read through our store', () => {
  const prefix = uniquePrefix('synced');
  let redis: RedisClient;
  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  it('a status change seen there is reported once; the first sighting and repeats are not', async () => {
    const remote = new ScriptedSource();
    const changes: Dossier[] = [];
    const source = new SyncedDossierSource(remote, new DossierStore(redis, createKeys(prefix)), async (d) => void changes.push(d));
    const dossier: Dossier = {
      code: '000.00.20.H47-261122-0001',
      procedureCode: '1.001193',
      status: 4,
      receivedAt: '2026-11-22T08:00:00+07:00',
      dueAt: '2026-11-26T17:00:00+07:00',
      applicantPhoneLast4: '1234',
      updatedAt: '2026-11-22T08:00:00+07:00',
    };
    remote.answer = { status: 'found', dossier };
    expect((await source.find(dossier.code)).status).toBe('found');
    await source.find(dossier.code);
    expect(changes).toHaveLength(0);
    remote.answer = { status: 'found', dossier: { ...dossier, status: 9 } };
    await source.find(dossier.code);
    expect(changes.map((d) => d.status)).toEqual([9]);
    remote.answer = { status: 'unavailable' };
    expect(await source.find(dossier.code)).toEqual({ status: 'unavailable' });
  });
});
