import { captures, MissingCaptureError } from '../../../src/domain/text/regex-captures';

describe('captures', () => {
  it('returns the groups asked for, in order', () => {
    const m = /^(\d+):(\d+)(?: (am|pm))?$/.exec('7:30');
    expect(m && captures(m, 1, 2)).toEqual(['7', '30']);
  });

  it('names a group the match left empty', () => {
    const m = /^(\d+):(\d+)(?: (am|pm))?$/.exec('7:30');
    expect(() => m && captures(m, 3)).toThrow(MissingCaptureError);
  });
});
