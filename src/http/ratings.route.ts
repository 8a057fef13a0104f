/**
 * GET /api/v1/ratings?from=&to=&format=json|csv (officer): the commune's one satisfaction report —
 * the citizens' ratings of their dossiers and of the village teams' answers to their questions
 * (tickets), each entry saying what it rates (`subject`), and the share satisfied over all and
 * per subject, for the centre's reporting (QĐ 766/QĐ-TTg counts that share). A ticket's rating
 * is the one it holds now: a re-rating replaces it, and reopening the ticket takes it out.
 */
import { Router } from 'express';
import { z } from 'zod';
import { satisfiedShare, type DossierFollows, type Rating } from '../domain/dossiers/dossier-follows';
import type { TicketStore } from '../domain/tickets/ticket-store';
import { toTicketRating, type TicketRating } from '../domain/tickets/ticket';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';
import { csvDocument } from './csv-export';

const DAY = 86_400_000;

const query = z
  .object({
    from: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
    to: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .transform((q) => {
    const to = q.to ? new Date(q.to.length === 10 ? Date.parse(q.to) + DAY - 1 : Date.parse(q.to)) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    return { from, to, format: q.format };
  })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'is after to' });

type Entry = (Rating & { subject: 'dossier' }) | TicketRating;

const CSV_HEADER = ['code', 'procedureCode', 'level', 'reason', 'at', 'rater', 'subject', 'ticketId', 'village'];

/** The dossier columns first, as before; a ticket's row leaves them empty and fills the last two. */
function toCsv(entries: Entry[]): string {
  const rows = entries.map((r) => {
    const dossier = r.subject === 'dossier' ? [r.code, r.procedureCode] : ['', ''];
    const ticket = r.subject === 'ticket' ? [r.ticketId, r.village] : ['', ''];
    return [...dossier, r.level, r.subject === 'dossier' ? r.reason : undefined, r.at, r.rater, r.subject, ...ticket];
  });
  return csvDocument(CSV_HEADER, rows);
}

export function createRatingsRouter(follows: DossierFollows, tickets: Pick<TicketStore, 'ratedBetween'>): Router {
  const router = Router();
  router.get('/api/v1/ratings', requireRole('officer'), async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to, format } = parsed.data;
    const [dossiers, rated] = await Promise.all([follows.ratings(from, to), tickets.ratedBetween(from, to)]);
    const ticketRatings = rated.map(toTicketRating);
    const ratings: Entry[] = [...dossiers.map((r) => ({ ...r, subject: 'dossier' as const })), ...ticketRatings].sort((a, b) =>
      a.at.localeCompare(b.at),
    );
    if (format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`ratings-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`)
        .send(toCsv(ratings));
      return;
    }
    const subject = (list: ReadonlyArray<{ level: Entry['level'] }>) => ({ count: list.length, satisfiedShare: satisfiedShare(list) });
    res.json({
      from: from.toISOString(),
      to: to.toISOString(),
      count: ratings.length,
      satisfiedShare: satisfiedShare(ratings),
      bySubject: { dossier: subject(dossiers), ticket: subject(ticketRatings) },
      ratings,
    });
  });
  return router;
}
