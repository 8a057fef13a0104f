/**
 * The tickets of the village teams (docs/contract.md): officers, admins and the commune team's token
 * (village `commune`) see all, a village team's token only its village's. GET /api/v1/tickets?status=open|taken|closed · GET /api/v1/tickets/stats
 * ?from=&to= (per-village figures) · GET /api/v1/tickets/<id> (with its history) ·
 * POST /api/v1/tickets/<id>/reply {"text","close"?} — the answer goes to the citizen in the same
 * Zalo chat, signed with the team's name; once the citizen got it, it closes the ticket unless
 * `close` is false — then an open ticket is `taken` by the token's name (the citizen's replies
 * wait in its history). The reply says `delivered` (false: Zalo could not reach the citizen, the
 * ticket is not closed and its history says `undelivered`; null: not sent yet).
 * POST /api/v1/tickets/<id>/take — the console's "take": an open ticket is held by the token's
 * name and the citizen hears who answers; POST /api/v1/tickets/<id>/close — only by who holds it
 * (officers: any open one); the citizen is asked to rate. 409 when someone else holds it or it is
 * closed. Every ticket view carries `due` (service-level times, `late`). Another village's
 * ticket, for a village team's token: 403.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ApiActionOutcome, ApiReplyOutcome, TeamCommands } from '../domain/tickets/team-commands';
import type { TicketStore } from '../domain/tickets/ticket-store';
import type { OfficeCalendar } from '../domain/tickets/office-time';
import { ticketFigures } from '../domain/tickets/ticket-stats';
import { ticketDeadlines, type ServiceLevels } from '../domain/tickets/ticket-deadlines';
import { TICKET_ID, TICKET_STATUSES, toTicketView, type Ticket } from '../domain/tickets/ticket';
import { COMMUNE_TEAM } from '../domain/teams/team';
import { periodQuery } from '../domain/period';
import { requireRole } from './auth';
import { jsonBody, sendValidationError } from './validation-error';

const listQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const replyBody = z.strictObject({
  text: z.string().trim().min(1, 'is required').max(2000, 'at most 2000 characters (one Zalo message)'),
  close: z.boolean().default(true),
});
/** Take and close carry nothing: an empty body, or `{}`. */
const actionBody = z.strictObject({});

export interface TicketsRouterParts {
  store: TicketStore;
  team: Pick<TeamCommands, 'replyFromApi' | 'takeThroughApi' | 'closeThroughApi'>;
  calendar: OfficeCalendar;
  levels: ServiceLevels;
}

/** A village team's token sees its own village only; the commune team's and everyone else allowed here see all. */
function visible(req: Request, ticket: Ticket): boolean {
  return req.principal?.role !== 'team' || req.principal.village === COMMUNE_TEAM || ticket.village === req.principal.village;
}

/** A refused take or close: who holds it, or why not. */
function sendRefusal(res: Response, outcome: Exclude<ApiActionOutcome | ApiReplyOutcome, { ticket: Ticket }>): void {
  if (outcome.kind === 'lost')
    return void res
      .status(409)
      .json({ error: 'someone else holds the ticket', ...(outcome.byName ? { takenByName: outcome.byName } : {}) });
  const refusals = {
    missing: [404, 'no such ticket'],
    closed: [409, 'the ticket is closed'],
    'not-taker': [409, 'take the ticket first: only who holds it closes it'],
  } as const;
  const [status, error] = refusals[outcome.kind];
  res.status(status).json({ error });
}

export function createTicketsRouter({ store, team, calendar, levels }: TicketsRouterParts): Router {
  const router = Router();
  const readers = requireRole('officer', 'team');
  const view = (ticket: Ticket) => ({ ...toTicketView(ticket), due: ticketDeadlines(ticket, calendar, levels) });

  /** The ticket named in the path; else 404 (no such ticket) or 403 (another village's, for a village team's token). */
  async function ticketOrRefusal(req: Request, res: Response): Promise<Ticket | undefined> {
    const id = String(req.params.id).toUpperCase();
    const ticket = TICKET_ID.test(id) ? await store.get(id) : undefined;
    if (!ticket) return void res.status(404).json({ error: 'no such ticket' });
    if (!visible(req, ticket)) return void res.status(403).json({ error: "another village's ticket" });
    return ticket;
  }

  router.get('/api/v1/tickets', readers, async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { status, limit } = parsed.data;
    // Filtered while read: a team token's village is not starved by other villages' newer tickets.
    const lists = await Promise.all((status ? [status] : TICKET_STATUSES).map((s) => store.list(s, limit, (t) => visible(req, t))));
    const tickets = lists
      .flat()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
    res.json({ tickets: tickets.map(view) });
  });

  router.get('/api/v1/tickets/stats', readers, async (req, res) => {
    const parsed = periodQuery().safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to } = parsed.data;
    const tickets = (await store.createdBetween(from, to)).filter((t) => visible(req, t));
    res.json({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), villages: ticketFigures(tickets, calendar) });
  });

  router.get('/api/v1/tickets/:id', readers, async (req, res) => {
    const ticket = await ticketOrRefusal(req, res);
    if (ticket) res.json({ ...view(ticket), history: await store.history(ticket.id) });
  });

  router.post('/api/v1/tickets/:id/reply', readers, async (req, res) => {
    const ticket = await ticketOrRefusal(req, res);
    if (!ticket) return;
    const parsed = replyBody.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const outcome = await team.replyFromApi(
      ticket.id,
      parsed.data.text,
      parsed.data.close,
      req.principal?.name ?? 'API',
      req.principal?.role !== 'team',
    );
    if (outcome.kind === 'sent') {
      req.log.info(
        { ticket: ticket.id, close: parsed.data.close, delivered: outcome.delivered, by: req.principal?.id },
        'ticket answered through the API',
      );
      res.json({ ...view(outcome.ticket), delivered: outcome.delivered });
      return;
    }
    sendRefusal(res, outcome);
  });

  router.post('/api/v1/tickets/:id/take', readers, async (req, res) => {
    const ticket = await ticketOrRefusal(req, res);
    if (!ticket) return;
    const parsed = actionBody.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const outcome = await team.takeThroughApi(ticket.id, req.principal?.name ?? 'API');
    if (!('ticket' in outcome)) return sendRefusal(res, outcome);
    req.log.info({ ticket: ticket.id, by: req.principal?.id }, 'ticket taken through the API');
    res.json(view(outcome.ticket));
  });

  router.post('/api/v1/tickets/:id/close', readers, async (req, res) => {
    const ticket = await ticketOrRefusal(req, res);
    if (!ticket) return;
    const parsed = actionBody.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    // Officers (and admins) close any open ticket; a team's token only the one it holds, as in the chat.
    const outcome = await team.closeThroughApi(ticket.id, req.principal?.name ?? 'API', req.principal?.role !== 'team');
    if (!('ticket' in outcome)) return sendRefusal(res, outcome);
    req.log.info({ ticket: ticket.id, by: req.principal?.id }, 'ticket closed through the API');
    res.json(view(outcome.ticket));
  });
  return router;
}
