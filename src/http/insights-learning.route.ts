/**
 * The learning loop in the console (officer): the questions the bot could not place, grouped
 * loosely (src/domain/insights/similar-questions.ts), and what an officer teaches from them
 * (src/domain/insights/teachings.ts), which the worker picks up within about half a minute:
 * GET /api/v1/insights/unanswered/groups?from=&to=&limit= → {from, to, groups}
 * GET /api/v1/insights/examples → {examples} · POST {intent, texts} → 201 {intent, added, known}
 * GET /api/v1/insights/synonyms → {synonyms} · POST {procedureCode, phrase} → 201 the synonym
 * (200 when nothing was new).
 * DELETE /api/v1/insights/examples {intent, text} · DELETE /api/v1/insights/synonyms {phrase} → 200
 * what was removed, 404 when it was not taught (a wrong teaching undone; the worker drops it too).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { ProcedureCatalogue } from '../domain/catalogue/catalogue';
import { groupSimilar } from '../domain/insights/similar-questions';
import { teachingInputs, type Teachings } from '../domain/insights/teachings';
import type { UnplacedLog } from '../domain/insights/unplaced-log';
import type { IntentData } from '../domain/understanding/intent-data';
import { periodQuery } from '../domain/period';
import { requireRole } from './auth';
import { jsonBody, sendFieldErrors, sendValidationError } from './validation-error';

const groupsQuery = periodQuery({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export interface InsightsLearningParts {
  log: Pick<UnplacedLog, 'list'>;
  teachings: Teachings;
  data: IntentData;
  catalogue: ProcedureCatalogue;
}

export function createInsightsLearningRouter({ log, teachings, data, catalogue }: InsightsLearningParts): Router {
  const inputs = teachingInputs(data, catalogue);
  const withName = <T extends { procedureCode: string }>(s: T) => ({ ...s, procedureName: catalogue.get(s.procedureCode)?.name ?? null });
  const router = Router();
  const officer = requireRole('officer');

  router.get('/api/v1/insights/unanswered/groups', officer, async (req, res) => {
    const parsed = groupsQuery.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to, limit } = parsed.data;
    // The period's end is exclusive; the log's range is inclusive.
    const groups = groupSimilar(await log.list(from, to - 1), limit);
    res.json({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      groups: groups.map((g) => ({ ...g, lastAt: new Date(g.lastAt).toISOString() })),
    });
  });

  router.get('/api/v1/insights/examples', officer, async (_req, res) => {
    res.json({ examples: await teachings.examples() });
  });

  router.post('/api/v1/insights/examples', officer, async (req, res) => {
    const parsed = inputs.examples.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { intent, texts } = parsed.data;
    const outcome = await teachings.addExamples(intent, texts, req.principal?.name ?? 'API');
    if (!outcome.ok) return sendFieldErrors(res, outcome.fields);
    req.log.info({ intent, added: outcome.value.added.length, by: req.principal?.id }, 'intent examples taught');
    res.status(outcome.value.added.length ? 201 : 200).json({ intent, ...outcome.value });
  });

  router.delete('/api/v1/insights/examples', officer, async (req, res) => {
    const parsed = inputs.removedExample.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const removed = await teachings.removeExample(parsed.data.intent, parsed.data.text);
    if (!removed) return res.status(404).json({ error: 'not an example taught for this intent' });
    req.log.info({ intent: removed.intent, by: req.principal?.id }, 'intent example removed');
    res.json(removed);
  });

  router.get('/api/v1/insights/synonyms', officer, async (_req, res) => {
    res.json({ synonyms: (await teachings.synonyms()).map(withName) });
  });

  router.post('/api/v1/insights/synonyms', officer, async (req, res) => {
    const parsed = inputs.synonym.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const outcome = await teachings.addSynonym(parsed.data.procedureCode, parsed.data.phrase, req.principal?.name ?? 'API');
    if (!outcome.ok) return sendFieldErrors(res, outcome.fields);
    if (outcome.value.created) req.log.info({ procedureCode: parsed.data.procedureCode, by: req.principal?.id }, 'search synonym taught');
    res.status(outcome.value.created ? 201 : 200).json({ ...withName(outcome.value.synonym), created: outcome.value.created });
  });

  router.delete('/api/v1/insights/synonyms', officer, async (req, res) => {
    const parsed = inputs.removedSynonym.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const removed = await teachings.removeSynonym(parsed.data.phrase);
    if (!removed) return res.status(404).json({ error: 'not a taught synonym' });
    req.log.info({ procedureCode: removed.procedureCode, by: req.principal?.id }, 'search synonym removed');
    res.json(withName(removed));
  });
  return router;
}
