import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import { SAMPLE_DOSSIER } from '../edge/http/dossiers.route.test';

const CODE = '000.00.20.H47-261120-0042';

describe('dossier status lookup through the bridge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('dossier-flow');
    const app = await h.start({ web: true, worker: true });
    await axios.put(
      `http://127.0.0.1:${app.port}/api/v1/dossiers/${CODE}`,
      { ...SAMPLE_DOSSIER, status: 5, applicantIdLast4: '1234', missingDocuments: ['Giấy chứng sinh (bản chính)'], note: 'Thiếu giấy chứng sinh' },
      { headers: { authorization: 'Bearer test-admin-token' } },
    );
  });
  afterAll(() => h.close());

  const exchange = (user: string, text: string) => h.exchange(user, text);

  it('a code in a sentence → asks the second factor, revealing nothing → status with dates and next step', async () => {
    const user = userId();
    const ask = await exchange(user, `cho em hỏi hồ sơ ${CODE.toLowerCase()} tới đâu rồi ạ`);
    expect(ask.text).toMatch(/4 số cuối/);
    expect(ask.text).not.toMatch(/Đăng ký khai sinh|Đang|bổ sung/);
    const status = await exchange(user, '1234'); // the ID's last four also unlock it
    expect(status.text).toMatch(new RegExp(`Hồ sơ ${CODE.replace(/\./g, '\\.')}`));
    expect(status.text).toMatch(/Thủ tục: Đăng ký khai sinh/);
    expect(status.text).toMatch(/Tình trạng: Cần bổ sung giấy tờ/);
    expect(status.text).toMatch(/Ngày tiếp nhận: 20\/11\/2026/);
    expect(status.text).toMatch(/Ngày hẹn trả: 25\/11\/2026 \(đã trễ hạn\)/);
    expect(status.text).toMatch(/Giấy chứng sinh/);
    expect(status.text).toMatch(/Việc cần làm: Bạn mang các giấy tờ/);
    expect(status.text).not.toMatch(/6789/);
  });

  it('from the menu: asks for the code, then the factor', async () => {
    const user = userId();
    expect((await exchange(user, '#q:dos')).text).toMatch(/mã hồ sơ/);
    expect((await exchange(user, 'không nhớ')).text).toMatch(/chưa thấy mã hồ sơ/);
    expect((await exchange(user, CODE)).text).toMatch(/4 số cuối/);
    expect((await exchange(user, '0905 123 6789')).text).toMatch(/Tình trạng/); // a whole number: its last four
  });

  it('an unknown code gets the same answer as a wrong factor, in about the same time', async () => {
    const timeOf = async (code: string) => {
      const user = userId();
      await exchange(user, code);
      const started = Date.now();
      const reply = await exchange(user, '0000');
      return { text: reply.text, ms: Date.now() - started };
    };
    const samples = { wrong: [] as number[], unknown: [] as number[] };
    let texts = new Set<string | undefined>();
    for (let i = 0; i < 6; i += 1) {
      const wrong = await timeOf(CODE);
      const unknown = await timeOf(`000.00.20.H47-261120-${String(9000 + i)}`);
      samples.wrong.push(wrong.ms);
      samples.unknown.push(unknown.ms);
      texts = new Set([...texts, wrong.text, unknown.text]);
    }
    expect(texts.size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(samples.unknown) / median(samples.wrong);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.2);
  });

  it('5 wrong answers lock this user out of this code for 24 h — and not the owner', async () => {
    const guesser = userId();
    await exchange(guesser, CODE);
    for (let i = 0; i < 4; i += 1) expect((await exchange(guesser, `11${10 + i}`)).text).toMatch(/chưa khớp/);
    expect((await exchange(guesser, '1199')).text).toMatch(/24 giờ/);
    expect((await exchange(guesser, CODE)).text).toMatch(/24 giờ/);
    const owner = userId();
    await exchange(owner, CODE);
    expect((await exchange(owner, '6789')).text).toMatch(/Tình trạng/);
  });

  it('10 wrong answers in an hour, on any codes, lock the user out of lookups for an hour', async () => {
    const user = userId();
    for (let i = 0; i < 2; i += 1) {
      await exchange(user, `000.00.20.H47-261120-${String(7000 + i)}`);
      for (let j = 0; j < 4; j += 1) await exchange(user, '5555');
      const last = await exchange(user, '5556');
      expect(last.text).toMatch(i === 0 ? /24 giờ/ : /1 giờ/);
    }
    expect((await exchange(user, '000.00.20.H47-261120-7999')).text).toMatch(/1 giờ/);
  });

  it('writes every lookup to the audit log with the user id hashed', async () => {
    const app = h.apps[0]!;
    const entries = (await app.redis.lRange(app.keys.lookupAudit, 0, -1)).map((e) => JSON.parse(e) as { user: string; outcome: string });
    expect(entries.length).toBeGreaterThan(10);
    expect(new Set(entries.map((e) => e.outcome))).toEqual(new Set(['shown', 'wrong_factor', 'locked']));
    for (const e of entries) expect(e.user).toMatch(/^[0-9a-f]{12}$/);
  });
});
