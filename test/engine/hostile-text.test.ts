/**
 * A message built to be expensive (issue 11, item 1): 200,000 letters without a space, or a long
 * run of typos, is answered like any other message, and another citizen's message sent right
 * after it is answered too. Before the text work was bounded, the first one held the process for
 * hours; how fast it is now is measured by `npm run bench:hostile`, not judged here.
 */
import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';

describe('a hostile message does not hold up the service', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('hostile');
    await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  it.each([
    ['200,000 letters', 'a'.repeat(200_000)],
    ['syllables typed together', 'dangkykhaisinh'.repeat(700)],
    ['a run of typos', Array.from({ length: 2000 }, (_, i) => ['thuog', 'sihn', 'khia', 'dnag'][i % 4]).join(' ')],
  ])('%s: answered, and the next citizen too', async (_kind, text) => {
    const attacker = userId();
    const citizen = userId();
    expect(await h.say(attacker, text)).toBe(200);
    expect(await h.say(citizen, 'đăng ký khai sinh')).toBe(200);
    const [answer] = await h.waitForMessages(citizen, 1);
    expect(answer!.text).toMatch(/Đăng ký khai sinh/);
    const [reply] = await h.waitForMessages(attacker, 1);
    expect(reply!.text!.length).toBeGreaterThan(0);
  });

  it('the public search answers the longest query it takes, and still finds the subject at its start', async () => {
    const port = h.apps[0]!.port;
    const get = (q: string) => axios.get(`http://127.0.0.1:${port}/api/v1/procedures`, { params: { q }, validateStatus: () => true });
    const junk = await get('khaisinh'.repeat(62));
    expect(junk.status).toBe(200);
    expect(junk.data.confidence).toBeDefined();
    const story = await get(`đăng ký khai sinh cho con ${'rất cần gấp '.repeat(40)}`.slice(0, 500));
    expect(story.status).toBe(200);
    expect(story.data.results[0].code).toBe('1.001193');
  });
});
