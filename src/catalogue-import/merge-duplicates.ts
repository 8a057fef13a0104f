/**
 * Duplicates in the crawl. Two kinds:
 * - the same code in several files (a re-crawl): merged into one record;
 * - the same page under several codes. The dataset's README (docs/guides/catalogue.md) warns that "Công bố Danh mục và Quy
 *   trình nội bộ …" and "Hỗ trợ phát triển sản xuất cộng đồng." appear under many codes. Their
 *   raw_text shows why: it is one page (one detail_url) whose own "Mã thủ tục" is another code
 *   (3.000579, 1.014023), saved under each code the crawler was visiting. The codes are real, but
 *   this content is not theirs, so such records are crawl artefacts and are dropped; records whose
 *   page names their own code are kept even when their content equals another's.
 */
import type { RawFile } from './read-raw-record';
import { clean } from './text';

/** The code the page itself shows ("…Mã thủ tục1.014023Số quyết định…"), or null. */
export function pageCode(rawText: string): string | null {
  return /Mã thủ tục\s*(\d\.\d{6})/u.exec(rawText)?.[1] ?? null;
}

/** True when the page saved under a code says it is another procedure. */
function isArtefact(file: RawFile): boolean {
  const shown = pageCode(file.record.raw_text);
  return shown !== null && shown !== clean(file.record.ma_thu_tuc);
}

/** Everything a citizen would read, without the code: equal keys mean the same procedure text. */
function contentKey(file: RawFile): string {
  const r = file.record;
  return JSON.stringify(
    [
      r.ten_thu_tuc,
      r.so_quyet_dinh,
      r.cap_thuc_hien,
      r.linh_vuc,
      r.doi_tuong_thuc_hien,
      r.trinh_tu_thuc_hien,
      r.cach_thuc_thuc_hien,
      r.thanh_phan_ho_so,
      r.can_cu_phap_ly,
      r.yeu_cau_dieu_kien,
      r.ket_qua_xu_ly,
    ].map(clean),
  );
}

export interface CodeMerge {
  code: string;
  kept: string;
  dropped: string[];
  /** False when the files disagree: the kept one was chosen, the others are reported. */
  identical: boolean;
}

export interface DuplicateFinding {
  name: string;
  codes: string[];
  /** The code the shared page shows, when it shows one. */
  pageCode: string | null;
  sourceUrls: string[];
  kept: string[];
  dropped: string[];
  reason: string;
}

/** Files sharing a code or a content: a group has at least one. */
type FileGroup = [RawFile, ...RawFile[]];

/** `files` grouped by `key`, in the order the keys first appear. */
function groupBy(files: RawFile[], key: (f: RawFile) => string): Map<string, FileGroup> {
  const groups = new Map<string, FileGroup>();
  for (const f of files) {
    const k = key(f);
    const group = groups.get(k);
    if (group) group.push(f);
    else groups.set(k, [f]);
  }
  return groups;
}

/** One record per code: identical copies merge; differing ones keep the page that names its code. */
export function mergeSameCode(files: RawFile[]): { files: RawFile[]; merges: CodeMerge[] } {
  const byCode = groupBy(files, (f) => clean(f.record.ma_thu_tuc));
  const kept: RawFile[] = [];
  const merges: CodeMerge[] = [];
  for (const [code, group] of byCode) {
    const chosen = group.find((f) => !isArtefact(f)) ?? group[0];
    kept.push(chosen);
    if (group.length > 1) {
      const identical = new Set(group.map(contentKey)).size === 1;
      merges.push({ code, kept: chosen.file, dropped: group.filter((f) => f !== chosen).map((f) => f.file), identical });
    }
  }
  return { files: kept, merges };
}

function describe(group: FileGroup, keep: RawFile[], drop: RawFile[], reason: string): DuplicateFinding {
  const codes = (list: RawFile[]) => list.map((f) => clean(f.record.ma_thu_tuc)).sort();
  return {
    name: clean(group[0].record.ten_thu_tuc),
    codes: codes(group),
    pageCode: pageCode(group[0].record.raw_text),
    sourceUrls: [...new Set(group.map((f) => clean(f.record.detail_url)))].sort(),
    kept: codes(keep),
    dropped: codes(drop),
    reason,
  };
}

/** Finds the same content under different codes and drops the crawl artefacts among them. */
export function dropArtefacts(files: RawFile[]): { files: RawFile[]; findings: DuplicateFinding[] } {
  const byContent = groupBy(files, contentKey);
  const dropped = new Set<RawFile>();
  const findings: DuplicateFinding[] = [];
  for (const group of byContent.values()) {
    const artefacts = group.filter(isArtefact);
    const genuine = group.filter((f) => !isArtefact(f));
    artefacts.forEach((f) => dropped.add(f));
    if (group.length > 1 && artefacts.length > 0) {
      const shown = pageCode(group[0].record.raw_text);
      findings.push(
        describe(
          group,
          genuine,
          artefacts,
          `one portal page (its own code: ${shown ?? 'none'}) saved under ${group.length} codes: the content is not theirs; dropped as crawl artefacts`,
        ),
      );
    } else if (group.length > 1) {
      findings.push(describe(group, genuine, [], 'same text under several codes, each page naming its own code: kept (codes are real)'));
    } else if (artefacts.length > 0) {
      findings.push(
        describe(
          group,
          [],
          artefacts,
          `the page saved under this code shows code ${pageCode(group[0].record.raw_text)}: dropped as a crawl artefact`,
        ),
      );
    }
  }
  return { files: files.filter((f) => !dropped.has(f)), findings };
}
