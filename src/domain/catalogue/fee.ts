/**
 * What a channel's fee notes say about who sets the amount. The portal often writes "Miễn phí" in
 * the fee cell while the remark hands the amount to the province (HĐND) or a fee act: then the
 * amount is not known here, and a citizen must not be told "free".
 */
const FEE_SET_BY_PROVINCE = /Hội đồng nhân dân|HĐND/iu;
const FEE_SET_BY_ACT = /Mức lệ phí|mức thu|Luật phí và lệ phí/iu;
/** The notes name cases that are exempt ("Miễn lệ phí đối với …"). */
export const FEE_EXEMPTIONS = /Miễn (?:lệ )?phí (?:đối với|cho)|được miễn/iu;

export type FeeSetter = 'province' | 'act' | null;

export function feeSetElsewhere(notes: string | null | undefined): FeeSetter {
  if (!notes) return null;
  if (FEE_SET_BY_PROVINCE.test(notes)) return 'province';
  if (FEE_SET_BY_ACT.test(notes)) return 'act';
  return null;
}

/** A fee text that only says "free", with no condition: trustworthy only when feeVnd is 0. */
export function isBareFree(feeText: string | null): boolean {
  return feeText !== null && /^(?:Miễn phí|Miễn lệ phí|Không thu(?: phí| lệ phí)?)\.?$/iu.test(feeText.trim());
}

/** The importer's own text for such a fee (Vietnamese catalogue content). */
export function setElsewhereFeeText(setter: Exclude<FeeSetter, null>, notes: string): string {
  const who = setter === 'province' ? 'Theo mức do HĐND cấp tỉnh quy định' : 'Theo mức thu quy định tại văn bản về phí, lệ phí';
  return FEE_EXEMPTIONS.test(notes) ? `${who}; một số trường hợp được miễn (xem ghi chú)` : who;
}

/** True for a fee text the importer wrote with setElsewhereFeeText. */
export function isSetElsewhereFeeText(feeText: string | null): boolean {
  return feeText !== null && /^Theo mức (?:do HĐND cấp tỉnh|thu quy định tại văn bản)/u.test(feeText);
}
