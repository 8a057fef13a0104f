import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { StoredMessage } from '../../src/dev/fake-zalo';
import type { RunningApp } from '../../src/roles/app';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

const CODE = '000.00.20.H47-261120-0042';

describe('dossier status lookup through the bridge', () => {
  let h: Harness;
  let app: RunningApp;
  beforeAll(async () => {
    h = await createHarness('dossier-flow');
    app = await h.start({ web: true, worker: true });
    await axios.put(
      `http://127.0.0.1:${app.port}/api/v1/dossiers/${CODE}`,
      {
        ...SAMPLE_DOSSIER,
        status: 5,
        applicantIdLast4: '1234',
        missingDocuments: ['Giấy chứng sinh (bản chính)'],
        note: 'Thiếu giấy chứng sinh',
      },
      { headers: { authorization: 'Bearer test-admin-token' } },
    );
  });
  afterAll(() => h.close());

  const exchange = (user: string, text: string) => h.exchange(user, text);
  const titles = (m: StoredMessage) => (m.buttons ?? []).map((b) => b.title);
  /** Presses a button of a message, as the bridge sends its payload. */
  function press(user: string, m: StoredMessage, title: string) {
    const payload = m.buttons?.find((b) => b.title === title)?.payload;
    if (typeof payload !== 'string') throw new Error(`no button "${title}" among ${titles(m).join(', ')}`);
    return exchange(user, payload);
  }
  /** The status of the sample dossier (needs documents: Giấy chứng sinh), shown to a new citizen. */
  async function showStatus(user: string) {
    await exchange(user, CODE);
    const status = await exchange(user, '1234');
    expect(status.text).toMatch(/Tình trạng: Cần bổ sung giấy tờ/);
    return status;
  }

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

  it('asking for the code offers "Tôi không có mã" and the village team, in each language', async () => {
    const user = userId();
    const ask = await exchange(user, '#q:dos');
    expect(titles(ask)).toEqual(['Tôi không có mã', 'Hỏi tổ công nghệ số']);
    const again = await exchange(user, '9999');
    expect(again.text).toMatch(/chưa thấy mã hồ sơ/);
    expect(titles(again)).toEqual(['Tôi không có mã', 'Hỏi tổ công nghệ số']);
    const lost = await press(user, again, 'Tôi không có mã');
    expect(lost.text).toMatch(/Mã hồ sơ in ở đầu Giấy tiếp nhận.*mang CCCD/s);
    expect(titles(lost)).toEqual(['Hỏi tổ công nghệ số', 'Menu']);
    expect((await press(user, lost, 'Hỏi tổ công nghệ số')).text).toMatch(/Bạn ở thôn nào/);
    const english = userId();
    await exchange(english, '#q:lang:en');
    expect(titles(await exchange(english, '#q:dos'))).toEqual(['I have no code', 'Ask the village team']);
  });

  it.each(['em ko co ma', 'quen roi', 'không có mã', 'quên mất rồi', 'mất giấy hẹn rồi', 'mat giay', 'Tôi không có mã'])(
    'while the code is awaited, "%s" gets where to find it and the village team, not "type it again"',
    async (typed) => {
      const user = userId();
      await exchange(user, 'tra cuu ho so');
      const lost = await exchange(user, typed);
      expect(lost.text).toMatch(/Mã hồ sơ in ở đầu Giấy tiếp nhận/);
      expect(lost.text).not.toMatch(/chưa thấy mã hồ sơ|chưa nhận được mã hồ sơ/);
      expect(titles(lost)).toContain('Hỏi tổ công nghệ số');
      // The question for the code is over: a code typed now starts a lookup of its own.
      expect((await exchange(user, CODE)).text).toMatch(/4 số cuối/);
    },
  );

  it('a code typed with spaces instead of dashes is the same code, asked for or in a sentence', async () => {
    const asked = userId();
    expect((await exchange(asked, 'tra cuu ho so')).text).toMatch(/gõ mã hồ sơ/);
    expect((await exchange(asked, '000.00.20.h47 261120 0042')).text).toMatch(new RegExp(`4 số cuối.*${CODE.replace(/\./g, '\\.')}`));
    expect((await exchange(asked, '1234')).text).toMatch(/Thủ tục: Đăng ký khai sinh/);
    const typed = userId();
    expect((await exchange(typed, 'ho so 000.00.20.H47 261120 0042 toi dau roi')).text).toMatch(/4 số cuối/);
    expect((await exchange(typed, '6789')).text).toMatch(/Tình trạng: Cần bổ sung giấy tờ/);
  });

  it('"thiếu giấy gì vậy" right after a dossier that needs documents repeats its missing documents', async () => {
    const user = userId();
    await showStatus(user);
    const missing = await exchange(user, 'thiếu giấy gì vậy');
    expect(missing.text).toMatch(
      new RegExp(`Hồ sơ ${CODE.replace(/\./g, '\\.')} cần bổ sung những giấy tờ sau:\n• Giấy chứng sinh \\(bản chính\\)`),
    );
    expect(missing.text).toMatch(/Việc cần làm: Bạn mang các giấy tờ cần bổ sung/);
    expect(missing.text).not.toMatch(/Chọn số|thủ tục gần/);
    // "nộp bổ sung ở đâu" next is about the dossier's procedure, not a list shown earlier.
    const where = await exchange(user, 'nộp bổ sung ở đâu');
    expect(where.text).toMatch(/Đăng ký khai sinh/);
    expect(where.text).not.toMatch(/trong danh sách vừa rồi/);
    const other = userId();
    await showStatus(other);
    expect((await exchange(other, 'bổ sung gì')).text).toMatch(/cần bổ sung những giấy tờ sau:\n• Giấy chứng sinh/);
  });

  it('after a dossier, "cần mang gì" is about the dossier\'s procedure, not one discussed before', async () => {
    const user = userId();
    expect((await exchange(user, 'dang ky ket hon')).text).toMatch(/^Đăng ký kết hôn/);
    await showStatus(user);
    const documents = await exchange(user, 'cần mang gì');
    expect(documents.text).toMatch(/Giấy tờ cho thủ tục: Đăng ký khai sinh/);
    expect(documents.text).not.toMatch(/kết hôn/);
  });

  it('an unknown code gets the same answer, the same audit line and the same failure count as a wrong factor', async () => {
    // Timing is compared in `npm run bench` (bench/dossier-oracle.ts); here: the observable path.
    const attempt = async (code: string) => {
      const user = userId();
      await exchange(user, code);
      const reply = await exchange(user, '0000');
      const [line] = await app.redis.lRange(app.keys.lookupAudit, 0, 0);
      const failures = await app.redis.get(app.keys.lookupFailures('user', user));
      return { text: reply.text, outcome: JSON.parse(line!).outcome as string, failures };
    };
    const wrong = await attempt(CODE);
    const unknown = await attempt('000.00.20.H47-261120-9000');
    expect(unknown).toEqual(wrong);
    expect(wrong.outcome).toBe('wrong_factor');
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

  it('many wrong answers for one code from several users alert the officers in their Zalo chat', async () => {
    const code = '000.00.20.H47-261120-0077';
    const auth = { headers: { authorization: 'Bearer test-admin-token' } };
    await axios.put(`http://127.0.0.1:${app.port}/api/v1/dossiers/${code}`, { ...SAMPLE_DOSSIER }, auth);
    const officer = userId();
    await axios.put(`http://127.0.0.1:${app.port}/api/v1/staff/${officer}`, { role: 'officer', name: 'Chị Hoa' }, auth);
    await exchange(officer, 'xin chào'); // inside Zalo's 7-day window
    const seen = h.messages(officer).length;
    for (let guesser = 0; guesser < 4; guesser += 1) {
      const user = userId();
      await exchange(user, code);
      for (let i = 0; i < 5; i += 1) await exchange(user, String(1000 + i));
    }
    const [alert] = (await h.waitForMessages(officer, seen + 1)).slice(seen);
    expect(alert?.text).toMatch(new RegExp(`hồ sơ ${code.replace(/\./g, '\\.')} bị nhập sai 4 số xác minh 20 lần`));
    expect(alert?.text).not.toMatch(/1000|1004/);
  });

  it('writes every lookup to the audit log with the user id hashed', async () => {
    const app = h.apps[0]!;
    const entries = (await app.redis.lRange(app.keys.lookupAudit, 0, -1)).map((e) => JSON.parse(e) as { user: string; outcome: string });
    expect(entries.length).toBeGreaterThan(10);
    expect(new Set(entries.map((e) => e.outcome))).toEqual(new Set(['shown', 'wrong_factor', 'locked']));
    for (const e of entries) expect(e.user).toMatch(/^[0-9a-f]{12}$/);
  });
});
