import { phoneText } from '../../../src/domain/commune/phone-text';

describe('phoneText', () => {
  it('groups a phone number for reading', () => {
    expect(phoneText('02363000000')).toBe('0236 300 0000');
    expect(phoneText('0912345678')).toBe('0912 345 678');
    expect(phoneText('02361022')).toBe('0236 1022');
  });
});
