/**
 * PUT /api/v1/dossiers/<code> (onestop, admin): the one-stop system pushes a dossier's state.
 * GET /api/v1/dossiers/<code> (officer, admin). A dossier without either last-4 field is refused:
 * nobody could ever unlock it.
 */
import { Router } from 'express';
import type { Queue } from 'bullmq';
import { dossierSchema } from '../domain/dossiers/dossier';
import { canonicalDossierCode, toDossierCode } from '../domain/dossiers/dossier-code';
import type { DossierStore } from '../domain/dossiers/dossier-store';
import { dossierChangedJob, type DossierNoticeJob } from '../store/queues';
import { requireRole } from './auth';
import { sendFieldErrors, sendValidationError } from './validation-error';

const putBody = dossierSchema.omit({ code: true, updatedAt: true }).superRefine((d, ctx) => {
  if (!d.applicantPhoneLast4 && !d.applicantIdLast4) {
    ctx.addIssue({ code: 'custom', path: ['applicantPhoneLast4'], message: 'applicantPhoneLast4 or applicantIdLast4 is required' });
  }
  if (Date.parse(d.dueAt) < Date.parse(d.receivedAt)) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'is before receivedAt' });
});

export function createDossiersRouter(store: DossierStore, notices: Queue<DossierNoticeJob>): Router {
  const router = Router();
  router.put('/api/v1/dossiers/:code', requireRole('onestop'), async (req, res) => {
    const parsed = putBody.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const code = toDossierCode(String(req.params.code));
    if (!code) return sendFieldErrors(res, { code: 'is not a dossier code' });
    const dossier = { ...parsed.data, code, updatedAt: new Date().toISOString() };
    const previous = await store.put(dossier);
    // A repeated PUT finds no change and queues nothing.
    const statusChanged = previous !== undefined && previous !== dossier.status;
    if (statusChanged) {
      const job = dossierChangedJob(code, dossier.status, Date.parse(dossier.updatedAt));
      await notices.add(job.name, job.data, job.opts);
    }
    res.json({ code, status: dossier.status, created: previous === undefined, statusChanged });
  });
  router.get('/api/v1/dossiers/:code', requireRole('officer'), async (req, res) => {
    const found = await store.find(canonicalDossierCode(String(req.params.code)));
    if (found.status !== 'found') {
      res.status(404).json({ error: 'no such dossier' });
      return;
    }
    res.json(found.dossier);
  });
  return router;
}
