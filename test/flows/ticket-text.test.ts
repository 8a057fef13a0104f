/**
 * What a commune team member reads when a village's question reaches them, and what the citizen
 * is told on asking: each says what really happened (texts from the real locale files).
 */
import { createI18n } from '../../src/i18n';
import type { Ticket } from '../../src/domain/tickets/ticket';
import { confirmationText, offerMessage } from '../../flows/ticket-text';

const vi = createI18n('vi').translator('vi');
const en = createI18n('vi').translator('en');
const base: Ticket = {
  id: 'T-000042',
  status: 'open',
  village: 'Phương Nghệ',
  team: 'commune',
  citizenId: '1',
  question: 'Cài VNeID?',
  photos: [],
  createdAt: '2026-11-27T02:00:00Z',
  round: 0,
};
const firstLine = (ticket: Ticket, t = vi) => offerMessage(t, ticket, 'commune').text.split('\n')[0];

describe('ticket texts', () => {
  it('the commune team hears why it has a village question: passed by whom, not taken in time, or nobody reachable', () => {
    expect(firstLine({ ...base, escalation: 'passed', passedByName: 'Anh Tuấn' })).toBe(
      'Câu hỏi T-000042 của thôn Phương Nghệ được Anh Tuấn (tổ công nghệ số thôn) chuyển lên tổ xã.',
    );
    expect(firstLine({ ...base, escalation: 'passed' })).toBe(
      'Câu hỏi T-000042 của thôn Phương Nghệ được một thành viên (tổ công nghệ số thôn) chuyển lên tổ xã.',
    );
    expect(firstLine({ ...base, escalation: 'not-taken' })).toBe(
      'Câu hỏi T-000042 của thôn Phương Nghệ chưa có ai ở thôn nhận trong thời hạn, nay chuyển tổ xã.',
    );
    expect(firstLine({ ...base, escalation: 'unreachable' })).toBe(
      'Câu hỏi T-000042 của thôn Phương Nghệ được chuyển thẳng lên tổ xã vì tổ công nghệ số thôn hiện chưa có ai nhận được tin nhắn qua Zalo.',
    );
    expect(firstLine({ ...base, escalation: 'passed', passedByName: 'Chị Lan' }, en)).toBe(
      'Question T-000042 from village Phương Nghệ was passed to the commune team by Chị Lan of the village team.',
    );
    // The village team's own offer says nothing of the kind.
    expect(offerMessage(vi, { ...base, team: 'Phương Nghệ' }, 'Phương Nghệ').text.split('\n')[0]).toBe(
      'Câu hỏi mới T-000042 – thôn Phương Nghệ',
    );
  });

  it('the confirmation names the team that got the question, and why it is not the village team', () => {
    const due = Date.parse('2026-11-27T10:00:00Z');
    expect(
      confirmationText(vi, { ...base, team: 'Phương Nghệ' }, 'Tổ công nghệ số thôn Phương Nghệ', 8 * 3_600_000, due).split('\n')[0],
    ).toBe('Đã gửi câu hỏi T-000042 đến Tổ công nghệ số thôn Phương Nghệ.');
    expect(confirmationText(vi, base, 'Tổ công nghệ số cộng đồng xã Xuân Phú', 8 * 3_600_000, due).split('\n')[0]).toBe(
      'Đã gửi câu hỏi T-000042 đến Tổ công nghệ số cộng đồng xã Xuân Phú, vì tổ công nghệ số thôn Phương Nghệ hiện chưa có ai nhận được tin nhắn qua Zalo.',
    );
  });
});
