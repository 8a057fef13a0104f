/**
 * The project's own structured catalogue of administrative procedures (data/procedures.json),
 * derived from the national portal's records by the importer. Validated by this schema at start.
 * `null` always means "unknown" — never a guess: a fee, a time limit or a code is either read
 * from the source or left unknown.
 */
import { z } from 'zod';

export const PROCEDURE_CODE = /^\d\.\d{6}$/;

export const channelSchema = z.object({
  /** in_person = Trực tiếp, online = Trực tuyến, post = Dịch vụ bưu chính */
  kind: z.enum(['in_person', 'online', 'post']),
  /** As the source says it, e.g. "5 ngày làm việc"; null when the source gives none. */
  timeLimit: z.string().min(1).nullable(),
  /** The fee as text, e.g. "Miễn phí", "20.000 đồng"; null when unknown. */
  feeText: z.string().min(1).nullable(),
  /** The fee in đồng when one plain amount can be read (0 = free); null otherwise. */
  feeVnd: z.number().int().nonnegative().nullable(),
  /** Further conditions on the fee or the time (exemptions, "set by the province"). */
  notes: z.string().min(1).nullable(),
});

export const documentSchema = z.object({
  name: z.string().min(1),
  /** submit = nộp; show = xuất trình (shown, not kept). */
  action: z.enum(['submit', 'show']),
  originals: z.number().int().nonnegative().nullable(),
  copies: z.number().int().nonnegative().nullable(),
  /** The form (mẫu đơn, tờ khai) to fill in, when named. */
  form: z.string().min(1).nullable(),
});

export const documentGroupSchema = z.object({
  /** The case this list applies to ("Trường hợp …"); null = every case. */
  case: z.string().min(1).nullable(),
  documents: z.array(documentSchema),
  /** Rules of this case the source lists among its documents (who answers for what, how a copy is sent). */
  notes: z.array(z.string().min(1)).optional(),
});

export const legalBasisSchema = z.object({
  title: z.string().min(1),
  /** e.g. "123/2015/NĐ-CP"; null when the source gives none. */
  number: z.string().min(1).nullable(),
});

export const procedureSchema = z.object({
  code: z.string().regex(PROCEDURE_CODE),
  name: z.string().min(1),
  /** lĩnh vực, e.g. "Hộ tịch" */
  field: z.string().min(1),
  /** cấp thực hiện, e.g. "Cấp xã" */
  level: z.string().min(1),
  /** Who may file (đối tượng thực hiện). */
  applicants: z.array(z.string().min(1)),
  /**
   * Where to file in person when it is not the commune's service centre or People's Committee
   * (e.g. "Công an cấp xã"), read from the record's implementing agency; null = the service centre.
   */
  agency: z.string().min(1).nullable(),
  channels: z.array(channelSchema),
  documentGroups: z.array(documentGroupSchema),
  /** A short summary of the steps, in the project's own words. */
  stepsSummary: z.string().min(1).nullable(),
  conditions: z.string().min(1).nullable(),
  /** What the citizen receives (e.g. "Giấy khai sinh"). */
  results: z.array(z.string().min(1)),
  legalBases: z.array(legalBasisSchema),
  /** full = toàn trình, partial = một phần, null = unknown or not online. */
  onlineLevel: z.enum(['full', 'partial']).nullable(),
  /** Codes of related or linked procedures (liên quan / liên thông). */
  related: z.array(z.string().regex(PROCEDURE_CODE)),
  /** Codes this procedure replaces (e.g. the linked groups of Decree 63/2024). */
  replaces: z.array(z.string().regex(PROCEDURE_CODE)),
  sourceUrl: z.string().url().nullable(),
  /** The decision that published it, e.g. "163/QĐ-BTP". */
  decision: z.string().min(1).nullable(),
  /** When the source was read (ISO date). */
  extractedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Where the record came from: the portal's crawl, or the project's supplement. */
  origin: z.enum(['portal', 'supplement']),
});

export const catalogueSchema = z.object({
  generatedAt: z.string(),
  procedures: z.array(procedureSchema),
});

export type Channel = z.infer<typeof channelSchema>;
export type ProcedureDocument = z.infer<typeof documentSchema>;
export type DocumentGroup = z.infer<typeof documentGroupSchema>;
export type Procedure = z.infer<typeof procedureSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;
