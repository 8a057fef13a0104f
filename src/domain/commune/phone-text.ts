/**
 * A phone number of the commune's data (digits, as dialled) written for reading: "02363000000" →
 * "0236 300 0000", "0912345678" → "0912 345 678". Call buttons keep the digits.
 */
export function phoneText(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.startsWith('+')) return phone;
  if (digits.length === 11 && digits.startsWith('02')) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (digits.length === 10) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (digits.length === 8 && digits.startsWith('02')) return `${digits.slice(0, 4)} ${digits.slice(4)}`;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
