/**
 * POST /api/v1/dossiers/import?dryRun=true|false (officer), body text/csv: a one-stop system's
 * export (src/domain/dossiers/dossier-csv.ts) → the report: header and columns read, rows read,
 * imported (or would be: new, updated, unchanged), status changes, and every bad row with its
 * line number and the fields at fault. A dry run (the default) writes nothing; a real import tells
 * the followers of every dossier whose status moved, as a PUT from the one-stop system does.
 */
import { Router } from 'express';
import type { Queue } from 'bullmq';
import { parseDossierCsv } from '../domain/dossiers/dossier-csv';
import { importDossiers } from '../domain/dossiers/dossier-import';
import type { DossierStore } from '../domain/dossiers/dossier-store';
import { dossierChangedJob, type DossierNoticeJob } from '../store/queues';
import { requireRole } from './auth';
import { csvBody, importQuery, readCsv } from './csv-upload';
import { sendValidationError } from './validation-error';

export function createDossierImportRouter(store: DossierStore, notices: Queue<DossierNoticeJob>): Router {
  const router = Router();
  router.post('/api/v1/dossiers/import', requireRole('officer'), csvBody, async (req, res) => {
    const query = importQuery.safeParse(req.query);
    if (!query.success) return sendValidationError(res, query.error);
    const now = new Date();
    const parsed = readCsv(req, res, (text) => parseDossierCsv(text, { now }));
    if (!parsed) return;
    // Each change is queued as soon as it is stored: an import that stops half-way has told the followers of what it wrote.
    const report = await importDossiers(parsed, store, query.data.dryRun, async (c) => {
      const job = dossierChangedJob(c.code, c.to, now.getTime());
      await notices.add(job.name, job.data, job.opts);
    });
    if (!report.dryRun) {
      req.log.info(
        {
          imported: report.imported,
          created: report.created,
          statusChanges: report.statusChanges.length,
          bad: report.badCount,
          by: req.principal?.id,
        },
        'dossiers imported',
      );
    }
    res.json(report);
  });
  return router;
}
