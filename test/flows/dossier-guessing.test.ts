/**
 * Guessing one dossier's digits from many accounts (issue 11, item 8): after 20 wrong answers for
 * one code within an hour, from any accounts, the code is locked for chat lookups by everyone —
 * even a new account with the right digits is told to call or visit — and the officers are told.
 */
import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

const CODE = '000.00.20.H47-261120-0555';

describe('guessing one dossier from many accounts', () => {
  let h: Harness;
  let app: RunningApp;
  beforeAll(async () => {
    h = await createHarness('dossier-guessing');
    app = await h.start({ web: true, worker: true });
    const auth = { headers: { authorization: 'Bearer test-admin-token' } };
    await axios.put(`http://127.0.0.1:${app.port}/api/v1/dossiers/${CODE}`, SAMPLE_DOSSIER, auth);
  });
  afterAll(() => h.close());

  it('20 wrong answers from 4 accounts lock the code for everyone; the officers are told it is locked', async () => {
    const officer = userId();
    await axios.put(
      `http://127.0.0.1:${app.port}/api/v1/staff/${officer}`,
      { role: 'officer', name: 'Chị Hoa' },
      { headers: { authorization: 'Bearer test-admin-token' } },
    );
    await h.exchange(officer, 'xin chào'); // inside Zalo's 7-day window
    const seen = h.messages(officer).length;
    for (let guesser = 0; guesser < 4; guesser += 1) {
      const user = userId();
      await h.exchange(user, CODE);
      for (let i = 0; i < 5; i += 1) await h.exchange(user, String(2000 + i));
    }
    const [alert] = (await h.waitForMessages(officer, seen + 1)).slice(seen);
    expect(alert?.text).toMatch(/tạm khoá tra cứu hồ sơ này qua Zalo trong 24 giờ/);

    // A new account, with the right digits, is refused and told to call or visit.
    const owner = userId();
    const answer = await h.exchange(owner, CODE);
    expect(answer.text).toMatch(/tra cứu qua tin nhắn đang tạm dừng/);
    expect(answer.text).toMatch(/Trung tâm|gọi/); // told where to ask instead (the commune's confirmed contact)
    expect(await app.redis.exists(app.keys.lookupLocked(CODE))).toBe(1);
    // Another code is not affected.
    expect((await h.exchange(owner, '000.00.20.H47-261120-0556')).text).toMatch(/4 số cuối/);
  });
});
