/**
 * The crawler cut raw_text into fields at section headers. Where the steps text itself says
 * "… theo quy định tại mục 9.3 (Thành phần hồ sơ) …" (the BHXH records), it cut there: the steps
 * field stops mid-sentence and the documents field holds the rest of the steps, while the real
 * document table is lost from the fields. raw_text still has everything, in a fixed order, so
 * those two sections are re-read from it.
 */
import { info, type Issue, type Parsed } from './issues';
import type { RawRecord } from './read-raw-record';

export interface Sections {
  steps: string;
  documents: string;
}

/** The portal's table header of a document list. */
const DOCUMENT_TABLE_HEADER = /Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng/u;

const STEPS_HEADER = 'Trình Tự Thực Hiện';
const CHANNELS_HEADER = 'Cách Thức Thực Hiện';
const DOCUMENTS_HEADER = 'Thành phần hồ sơ';
const LEGAL_HEADERS = ['Căn cứ pháp lýTên văn bản pháp lý', 'Căn cứ pháp lý'];

/** The steps and documents sections as raw_text has them, or null when its headers are missing. */
export function sectionsFromRawText(rawText: string): Sections | null {
  const steps = rawText.indexOf(STEPS_HEADER);
  const channels = rawText.indexOf(CHANNELS_HEADER, steps);
  // The first "Thành phần hồ sơ" after the channel table is the header; earlier ones sit in the steps.
  const documents = channels < 0 ? -1 : rawText.indexOf(DOCUMENTS_HEADER, channels);
  if (steps < 0 || channels < 0 || documents < 0) return null;
  const legal = LEGAL_HEADERS.map((h) => rawText.indexOf(h, documents)).find((i) => i >= 0) ?? rawText.length;
  return {
    steps: rawText.slice(steps + STEPS_HEADER.length, channels),
    documents: rawText.slice(documents + DOCUMENTS_HEADER.length, legal),
  };
}

/** The steps and documents to parse: the crawler's fields, or raw_text's when the crawler mis-cut. */
export function recordSections(record: RawRecord): Parsed<Sections> {
  const fromFields = { steps: record.trinh_tu_thuc_hien, documents: record.thanh_phan_ho_so };
  if (DOCUMENT_TABLE_HEADER.test(fromFields.documents)) return { value: fromFields, issues: [] };
  const fromRaw = sectionsFromRawText(record.raw_text);
  if (!fromRaw || !DOCUMENT_TABLE_HEADER.test(fromRaw.documents)) return { value: fromFields, issues: [] };
  const issues: Issue[] = [
    info(
      'documentGroups',
      'sections-repaired',
      'the crawler cut the steps at "(Thành phần hồ sơ)"; steps and documents re-read from raw_text',
    ),
  ];
  return { value: fromRaw, issues };
}
