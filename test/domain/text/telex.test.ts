import { readTelex, readVni, repairTelex } from '../../../src/domain/text/telex';

describe('Telex/VNI repair', () => {
  it('repairs Telex leftovers', () => {
    expect(repairTelex(['ddawng', 'kys', 'khai', 'sinh'])).toEqual(['đăng', 'ký', 'khai', 'sinh']);
    expect(repairTelex(['thuwowngf', 'trus'])).toEqual(['thường', 'trú']);
    expect(repairTelex(['truws'])).toEqual(['trứ']);
    expect(repairTelex(['giaays', 'towf'])).toEqual(['giấy', 'tờ']);
    expect(repairTelex(['nguwowif', 'dduwowcj'])).toEqual(['người', 'được']);
    expect(repairTelex(['ddangw', 'kys'])).toEqual(['đăng', 'ký']);
  });

  it('repairs VNI leftovers', () => {
    expect(repairTelex(['d9a8ng', 'ky1', 'ta5m', 'tru1'])).toEqual(['đăng', 'ký', 'tạm', 'trú']);
    expect(readVni('tie6ng1')?.text).toBe('tiếng');
  });

  it('leaves real words alone: syllables without marks, words with marks', () => {
    expect(repairTelex(['khai', 'sinh'])).toEqual(['khai', 'sinh']);
    expect(repairTelex(['tư', 'pháp'])).toEqual(['tư', 'pháp']);
    expect(repairTelex(['dang', 'ky', 'tam', 'tru', 'het', 'bao', 'nhieu', 'tien'])).toEqual([
      'dang',
      'ky',
      'tam',
      'tru',
      'het',
      'bao',
      'nhieu',
      'tien',
    ]);
    expect(readTelex('tu')).toBeNull();
    expect(readTelex('xa')).toBeNull();
  });

  it('leaves codes, numbers, form names and abbreviations alone', () => {
    expect(repairTelex(['1.001193', 'ct01', 'bhyt', 'dkks', '2000'])).toEqual(['1.001193', 'ct01', 'bhyt', 'dkks', '2000']);
    expect(repairTelex(['ks', 'kys'], (t) => t === 'ks')).toEqual(['ks', 'ký']);
  });

  it('does not mangle English', () => {
    expect(repairTelex(['how', 'to', 'register', 'a', 'birth'])).toEqual(['how', 'to', 'register', 'a', 'birth']);
    expect(repairTelex(['this', 'has', 'was'])).toEqual(['this', 'has', 'was']);
    expect(readTelex('has')).toBeNull();
  });

  it('marks how clear the evidence is', () => {
    expect(readTelex('ddawng')).toEqual({ text: 'đăng', evidence: 'strong' });
    expect(readTelex('kys')).toEqual({ text: 'ký', evidence: 'weak' });
    expect(readTelex('abc')).toBeNull();
  });
});
