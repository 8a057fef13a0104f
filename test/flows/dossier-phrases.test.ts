import { asksMissingDocuments, saysNoCode } from '../../flows/dossier-phrases';

describe('what people type around a dossier lookup', () => {
  it.each(['em ko co ma', 'quen roi', 'Tôi không có mã', 'mất giấy hẹn rồi', 'mat giay', 'k có mã hs', 'I lost my receipt'])(
    '"%s" says there is no code',
    (text) => expect(saysNoCode(text)).toBe(true),
  );

  it.each(['9999', 'không nhớ', 'có mã đây', 'mất bao lâu', 'ma ho so la gi'])('"%s" does not', (text) =>
    expect(saysNoCode(text)).toBe(false),
  );

  it.each(['thiếu giấy gì vậy', 'bổ sung gì', 'còn thiếu giấy tờ nào', 'can bo sung nhung gi a', 'what is missing'])(
    '"%s" asks what the dossier lacks',
    (text) => expect(asksMissingDocuments(text)).toBe(true),
  );

  it.each(['nộp bổ sung ở đâu', 'bổ sung chỗ nào', 'bổ sung thế nào', 'cần mang gì', 'vì sao thiếu'])('"%s" is another question', (text) =>
    expect(asksMissingDocuments(text)).toBe(false),
  );
});
