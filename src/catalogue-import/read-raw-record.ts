/**
 * The national portal's crawled record (one JSON file per procedure, see the dataset's README (docs/guides/catalogue.md)):
 * every field is flattened text. The schema only checks the shape; the parsers read the text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** A text field the crawler may leave out: read as "". */
const text = z.string().default('');

export const rawRecordSchema = z.object({
  ma_thu_tuc: z.string().min(1),
  detail_url: text,
  ten_thu_tuc: z.string().min(1),
  so_quyet_dinh: text,
  cap_thuc_hien: text,
  loai_thu_tuc: text,
  linh_vuc: text,
  doi_tuong_thuc_hien: text,
  co_quan_co_tham_quyen: text,
  thu_tuc_lien_quan: text,
  trinh_tu_thuc_hien: text,
  cach_thuc_thuc_hien: text,
  thanh_phan_ho_so: text,
  can_cu_phap_ly: text,
  co_quan_thuc_hien: text,
  yeu_cau_dieu_kien: text,
  ket_qua_xu_ly: text,
  raw_text: text,
});

export type RawRecord = z.infer<typeof rawRecordSchema>;

/** A record with the file it came from (the report names files). */
export interface RawFile {
  file: string;
  record: RawRecord;
}

export interface UnreadableFile {
  file: string;
  reason: string;
}

export type RawParse = { ok: true; record: RawRecord } | { ok: false; reason: string };

/** Checks one parsed JSON value against the raw record's shape. */
export function parseRawRecord(json: unknown): RawParse {
  const parsed = rawRecordSchema.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, reason: first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'not a record' };
}

/** Reads every *.json file of a folder, sorted by name so every run sees the same order. */
export function readRawFolder(folder: string): { files: RawFile[]; unreadable: UnreadableFile[] } {
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const files: RawFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const file of names) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      unreadable.push({ file, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseRawRecord(json);
    if (parsed.ok) files.push({ file, record: parsed.record });
    else unreadable.push({ file, reason: parsed.reason });
  }
  return { files, unreadable };
}
