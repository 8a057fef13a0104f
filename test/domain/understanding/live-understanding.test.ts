/**
 * What officers teach reaches the running understanding layer: an example moves a message the
 * bot could not place to the intent it was taught, a synonym makes the search sure of its
 * procedure; the version is looked at on a timer, and nothing is rebuilt while it stays put.
 */
import { createLogger } from '../../../src/logger';
import { loadDomain } from '../../../src/roles/domain';
import { CONFIDENT } from '../../../src/domain/understanding/understanding';
import { LiveUnderstanding, type TaughtSource } from '../../../src/domain/understanding/live-understanding';
import type { Example } from '../../../src/domain/understanding/intent-data';

const logger = createLogger('silent');
const domain = loadDomain(logger);
const UNCLEAR = 'xyz qwerty zxcv';
/** Training with a new example takes seconds the first time (more under jest); the model cache has it after. */
const TRAINING_MS = 60_000;

function source() {
  const state = { version: 0, examples: [] as Example[], synonyms: [] as Array<{ procedureCode: string; phrase: string }>, reads: 0 };
  const taught: TaughtSource = {
    version: async () => state.version,
    examples: async () => {
      state.reads += 1;
      return state.examples;
    },
    synonyms: async () => state.synonyms,
  };
  return { state, taught };
}

describe('the live understanding layer', () => {
  it(
    'an example taught moves an unplaced message to its intent once the version moves',
    async () => {
      const { state, taught } = source();
      const live = new LiveUnderstanding(domain, taught, logger);
      expect(await live.refresh()).toBe(true);
      expect(live.understander.understand(UNCLEAR).confidence).toBeLessThan(CONFIDENT);

      state.examples = [{ intent: 'commune_hours', text: UNCLEAR }];
      // The version has not moved: nothing is read, nothing changes.
      expect(await live.refresh()).toBe(false);
      expect(state.reads).toBe(1);
      state.version = 1;
      expect(await live.refresh()).toBe(true);
      const understood = live.understander.understand(UNCLEAR);
      expect(understood.intent).toBe('commune_hours');
      expect(understood.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    },
    TRAINING_MS,
  );

  it(
    'a synonym taught makes the search sure of its procedure, in the flows’ search and the understanding',
    async () => {
      const { state, taught } = source();
      const live = new LiveUnderstanding(domain, taught, logger);
      const query = 'làm sổ xanh cho con';
      expect(live.search.search(query, 3).hits[0]?.code === '1.001193' && live.search.search(query, 3).confidence === 'sure').toBe(false);
      state.synonyms = [{ procedureCode: '1.001193', phrase: 'sổ xanh' }];
      state.version = 1;
      await live.refresh();
      const found = live.search.search(query, 3);
      expect(found.confidence).toBe('sure');
      expect(found.hits[0]?.code).toBe('1.001193');
      expect(live.understander.understand('làm sổ xanh cần giấy tờ gì')).toMatchObject({ intent: 'procedure', procedure: '1.001193' });
    },
    TRAINING_MS,
  );

  it(
    'looks again on a timer',
    async () => {
      const { state, taught } = source();
      const live = new LiveUnderstanding(domain, taught, logger);
      await live.refresh();
      state.examples = [{ intent: 'commune_hours', text: UNCLEAR }];
      state.version = 2;
      live.start(20);
      try {
        for (let i = 0; i < 250 && live.understander.understand(UNCLEAR).intent !== 'commune_hours'; i += 1)
          await new Promise((r) => setTimeout(r, 20));
        expect(live.understander.understand(UNCLEAR).intent).toBe('commune_hours');
      } finally {
        live.stop();
      }
    },
    TRAINING_MS,
  );
});
