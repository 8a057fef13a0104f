/**
 * Rows of a document table that are not documents: rules and notes ("(v) Người ủy quyền … chịu
 * trách nhiệm trước pháp luật …", "Giá trị sử dụng của giấy tờ …", "Trong đó cung cấp rõ số thuê
 * bao …") and headings that announce a case's list ("1. Đối với Ban quản trị … thì hồ sơ … bao
 * gồm"). The portal gives some of them a count, so the count alone does not tell. Shared by the
 * importer (which keeps notes as notes of their case) and the catalogue lint (which counts any left).
 */
import { stripEnumerator } from './find-form';

/** Rows that state a rule or head a list instead of naming a document. */
const NOTE_START =
  /^(?:Người (?:có yêu cầu|yêu cầu|ủy quyền|đề nghị|tham gia)|Ngoài (?:giấy tờ|các|những)|Giá trị sử dụng|Trong đó|Hồ sơ (?:như|tương tự|gồm|bao gồm)|Lưu ý|Ghi chú|Việc |Cơ quan |Cán bộ |Công chức )/u;
/** A rule, not a document: who answers for what, how a case is handled. */
const RULE_WORDS = /chịu trách nhiệm trước pháp luật|thì việc ủy quyền thực hiện/u;

/**
 * A case's heading that announces a list ("Đối với … thì hồ sơ … bao gồm", "… như sau"). A
 * document heading its alternatives ("Chứng cứ chứng minh quan hệ cha, con … gồm") is a document.
 */
const CASE_HEADING =
  /^(?:\d{1,2}\.\s*)?(?:Đối với|Trường hợp|Nếu)(?![\p{L}]).*(?:hồ sơ[^.;]*(?:bao gồm|gồm|như sau)|giấy tờ (?:tương ứng )?sau(?: đây)?)\s*:?$/u;

export function isCaseHeading(name: string): boolean {
  return CASE_HEADING.test(stripEnumerator(name.trim()));
}

export function looksLikeNote(name: string): boolean {
  const body = stripEnumerator(name.trim());
  return NOTE_START.test(body) || RULE_WORDS.test(body) || CASE_HEADING.test(body);
}

/**
 * "+ Trường hợp không có chứng cứ … thì phải có văn bản cam đoan …": an alternative document,
 * though the portal counts it 0 and it starts like a note.
 */
export function isAlternativeDocument(name: string): boolean {
  return /^Trường hợp không có .+ thì (?:phải có|nộp|phải nộp) /u.test(stripEnumerator(name.trim()));
}

/** "Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực …". */
const POST_RULE = /Trường hợp gửi hồ sơ qua (?:hệ thống )?(?:dịch vụ )?bưu chính[^.]*?bản sao có chứng thực[^.]*/u;

/** The post channel's rule in a documents section, as a sentence, or null. */
export function postChannelRule(section: string): string | null {
  const match = POST_RULE.exec(section.normalize('NFC').replace(/\s+/gu, ' '));
  return match ? `${match[0].replace(/\d ?bản (?:chính|sao).*$/u, '').trim()}.` : null;
}
