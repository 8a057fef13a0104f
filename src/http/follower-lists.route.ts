/**
 * The console's people page (officer):
 * GET /api/v1/followers?village=&topic=&offset=&limit= → {counts, matching, offset, limit,
 * followers: [{id, displayName?, village?, topics, stopped}]} — counts per village and per topic
 * over every listed follower, and one page of those in the segment asked for (village and topic
 * typed as people type them). No phone number is kept, so none can be shown.
 * POST /api/v1/followers/import?dryRun=true|false, body text/csv (columns user_id, village,
 * topics, locale: src/domain/followers/follower-csv.ts) → the report: rows read, imported (or
 * would be), new and updated, bad rows with their line numbers and problems. A dry run (the
 * default) writes nothing.
 */
import { Router } from 'express';
import { z } from 'zod';
import { findTopic, type CommuneProfile } from '../domain/commune/commune-profile';
import { villageNameSchema } from '../domain/commune/name-schemas';
import { parseFollowerCsv } from '../domain/followers/follower-csv';
import type { FollowerListing } from '../domain/followers/follower-listing';
import { importFollowers } from '../domain/followers/follower-import';
import type { FollowerRegistry } from '../domain/followers/follower-registry';
import { requireRole } from './auth';
import { csvBody, importQuery, readCsv } from './csv-upload';
import { sendValidationError } from './validation-error';

export function createFollowerListsRouter(listing: FollowerListing, registry: FollowerRegistry, commune: CommuneProfile): Router {
  const listQuery = z.object({
    village: villageNameSchema(commune).optional(),
    topic: z
      .string()
      .trim()
      .min(1)
      .transform((typed, ctx) => {
        const id = findTopic(commune, typed);
        if (id) return id;
        ctx.addIssue({ code: 'custom', message: `unknown topic "${typed}" (known: ${commune.topics.map((t) => t.id).join(', ')})` });
        return z.NEVER;
      })
      .optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  });
  const router = Router();
  const officer = requireRole('officer');

  router.get('/api/v1/followers', officer, async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { village, topic, offset, limit } = parsed.data;
    const [counts, page] = await Promise.all([listing.counts(), listing.page({ village, topic }, offset, limit)]);
    res.json({ counts, matching: page.matching, offset, limit, followers: page.followers });
  });

  router.post('/api/v1/followers/import', officer, csvBody, async (req, res) => {
    const query = importQuery.safeParse(req.query);
    if (!query.success) return sendValidationError(res, query.error);
    const parsed = readCsv(req, res, (text) => parseFollowerCsv(text, commune));
    if (!parsed) return;
    const report = await importFollowers(parsed, registry, query.data.dryRun);
    if (!report.dryRun)
      req.log.info(
        { imported: report.imported, created: report.created, bad: report.bad.length, by: req.principal?.id },
        'followers imported',
      );
    res.json(report);
  });
  return router;
}
