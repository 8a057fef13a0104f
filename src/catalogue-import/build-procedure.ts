/**
 * One raw portal record → one catalogue procedure, with everything the parsers could not read.
 * Each field has its own parser; this file only wires them together.
 */
import type { Channel, Procedure } from '../domain/catalogue/procedure';
import { warning, type Issue, type Parsed } from './issues';
import { normaliseName } from './normalise-name';
import { parseApplicants } from './parse-applicants';
import { parseChannels } from './parse-channels';
import { parseConditions } from './parse-conditions';
import { parseDocuments } from './parse-documents';
import { parseLegalBases } from './parse-legal-bases';
import { parseOnlineLevel } from './parse-online-level';
import { parseResults } from './parse-results';
import type { RawRecord } from './read-raw-record';
import { recoverTimeLimit } from './recover-time-limit';
import { recordSections } from './repair-sections';
import { filingPlace, summariseSteps } from './summarise-steps';
import { postChannelRule } from './document-notes';
import { repairTyposDeep } from './repair-typos';
import { clean, cleanOrNull, isNoInfo } from './text';

export interface BuiltProcedure {
  procedure: Procedure;
  issues: Issue[];
}

/** Codes of related procedures named in the record (not the record's own). */
function relatedCodes(text: string, own: string): string[] {
  return [...new Set(text.match(/\d\.\d{6}/gu) ?? [])].filter((c) => c !== own).sort();
}

function sourceUrl(url: string): { value: string | null; issues: Issue[] } {
  const text = clean(url);
  if (text === '') return { value: null, issues: [] };
  try {
    return { value: new URL(text).toString(), issues: [] };
  } catch {
    return { value: null, issues: [warning('sourceUrl', 'url-invalid', 'detail_url is not a URL', text)] };
  }
}

/**
 * The agency a citizen files with when it is not the commune's service centre or People's
 * Committee, read from co_quan_thuc_hien: the commune police (residence, vehicles, electronic
 * identification) or the social insurance office. Null = the commune itself, or not said.
 */
function filingAgency(agencies: string): string | null {
  const who = clean(agencies);
  if (/Công an (?:cấp )?xã/iu.test(who)) return 'Công an cấp xã';
  if (/^(?:Bảo hiểm xã hội|BHXH)/iu.test(who)) return 'Cơ quan Bảo hiểm xã hội';
  // Only ministries and provincial departments (1.012898: "Bộ Quốc phòng, Sở Xây dựng"): the
  // commune centre is not where to go. Other lists (notaries, embassies) sit beside the commune.
  const bodies = who.split(/,\s*/u).filter((b) => b !== '');
  if (!isNoInfo(who) && bodies.length > 0 && bodies.every((b) => /^(?:Bộ|Sở|Đơn vị quản lý vận hành) /u.test(b))) return who;
  return null;
}

/** The post channel gets the rule the documents section states for it (copies certified, sent along). */
function withPostRule(channels: Channel[], rule: string | null): Channel[] {
  if (!rule) return channels;
  return channels.map((c) =>
    c.kind === 'post' && !(c.notes ?? '').includes(rule) ? { ...c, notes: c.notes ? `${rule}\n${c.notes}` : rule } : c,
  );
}

/** Time limits the table leaves bare or empty, completed from the steps (recover-time-limit.ts). */
function withStepsTimeLimits(channels: Parsed<Channel[]>, steps: string): Parsed<Channel[]> {
  const issues = new Map<string, Issue>();
  const value = channels.value.map((c) => {
    const time = recoverTimeLimit(c.timeLimit, steps);
    for (const i of time.issues) issues.set(i.message, i);
    return { ...c, timeLimit: time.value };
  });
  // The table's "no unit" warning is settled where the steps gave the unit.
  const settled = value.every((c) => c.timeLimit === null || !/^\d+$/.test(c.timeLimit));
  const kept = channels.issues.filter((i) => !(settled && i.kind === 'time-without-unit'));
  return { value, issues: [...kept, ...issues.values()] };
}

export function buildProcedure(record: RawRecord, extractedAt: string): BuiltProcedure {
  const code = clean(record.ma_thu_tuc);
  const field = clean(record.linh_vuc);
  const sections = recordSections(record);
  const parsedChannels = parseChannels(record.cach_thuc_thuc_hien);
  const channels = withStepsTimeLimits(parsedChannels, sections.value.steps);
  const documents = parseDocuments(sections.value.documents);
  const results = parseResults(record.ket_qua_xu_ly);
  const legal = parseLegalBases(record.can_cu_phap_ly);
  const online = parseOnlineLevel(record.raw_text);
  const url = sourceUrl(record.detail_url);
  const place = filingPlace(`${record.co_quan_thuc_hien} ${record.co_quan_co_tham_quyen}`, sections.value.steps, field);
  const procedure: Procedure = {
    code,
    name: normaliseName(record.ten_thu_tuc),
    field,
    level: clean(record.cap_thuc_hien),
    applicants: parseApplicants(record.doi_tuong_thuc_hien),
    agency: filingAgency(record.co_quan_thuc_hien),
    channels: withPostRule(channels.value, postChannelRule(sections.value.documents)),
    documentGroups: documents.value,
    stepsSummary: summariseSteps({ channels: channels.value, onlineLevel: online.value, results: results.value, place }),
    conditions: parseConditions(record.yeu_cau_dieu_kien),
    results: results.value,
    legalBases: legal.value,
    onlineLevel: online.value,
    related: relatedCodes(record.thu_tuc_lien_quan, code),
    replaces: [],
    sourceUrl: url.value,
    decision: cleanOrNull(record.so_quyet_dinh),
    extractedAt,
    origin: 'portal',
  };
  const issues = [
    ...sections.issues,
    ...channels.issues,
    ...documents.issues,
    ...results.issues,
    ...legal.issues,
    ...online.issues,
    ...url.issues,
  ];
  return { procedure: repairTyposDeep(procedure), issues };
}
