/**
 * A dossier (hồ sơ) filed at the commune's service centre, as the one-stop system reports it,
 * and the status model citizens see. The portal's codes 1–10 and other systems' words map to a
 * few citizen states; "late" is derived from the appointment date, never stored.
 */
import { z } from 'zod';

/** The national portal's status codes (docs/domain.md §3). */
export const PORTAL_STATUS = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
} as const;
export type PortalStatus = keyof typeof PORTAL_STATUS;

export const CITIZEN_STATES = [
  'submitted',
  'received',
  'processing',
  'needs_documents',
  'needs_payment',
  'ready',
  'returned',
  'refused',
  'cancelled',
] as const;
export type CitizenState = (typeof CITIZEN_STATES)[number];

const BY_PORTAL_CODE: Record<PortalStatus, CitizenState> = {
  1: 'submitted',
  2: 'received',
  3: 'refused',
  4: 'processing',
  5: 'needs_documents',
  6: 'needs_payment',
  7: 'cancelled',
  8: 'cancelled',
  9: 'ready',
  10: 'returned',
};

/** Words other one-stop systems use (OpenCPS and the like), folded to lower case. */
const BY_WORD: Record<string, CitizenState> = {
  new: 'submitted',
  submitted: 'submitted',
  receiving: 'received',
  received: 'received',
  processing: 'processing',
  waiting: 'needs_documents',
  supplement: 'needs_documents',
  paying: 'needs_payment',
  payment: 'needs_payment',
  releasing: 'ready',
  ready: 'ready',
  done: 'returned',
  returned: 'returned',
  denied: 'refused',
  rejected: 'refused',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  withdrawn: 'cancelled',
};

export function citizenStateOf(status: PortalStatus | string): CitizenState | undefined {
  if (typeof status === 'number') return BY_PORTAL_CODE[status];
  return BY_WORD[status.trim().toLowerCase()];
}

export const dossierSchema = z
  .object({
    code: z.string().min(1),
    procedureCode: z.string().regex(/^\d\.\d{6}$/, 'must look like 1.001193'),
    status: z.number().int().min(1).max(10),
    receivedAt: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).optional(),
    applicantPhoneLast4: z
      .string()
      .regex(/^\d{4}$/, 'must be 4 digits')
      .optional(),
    applicantIdLast4: z
      .string()
      .regex(/^\d{4}$/, 'must be 4 digits')
      .optional(),
    note: z.string().max(1000).optional(),
    missingDocuments: z.array(z.string().min(1).max(300)).max(30).optional(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type Dossier = z.infer<typeof dossierSchema>;

/** Checks a dossier assembled field by field from another system; a field left undefined is absent. */
export function checkDossierFields(fields: Record<string, unknown>) {
  return dossierSchema.safeParse(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
}

/** Late (trễ hạn): finished after, or still open past, the appointment date. */
export function isLate(dossier: Pick<Dossier, 'dueAt' | 'finishedAt' | 'status'>, now = Date.now()): boolean {
  const due = Date.parse(dossier.dueAt);
  const state = citizenStateOf(dossier.status as PortalStatus);
  if (state === 'refused' || state === 'cancelled') return false;
  const end = dossier.finishedAt ? Date.parse(dossier.finishedAt) : now;
  return end > due;
}
