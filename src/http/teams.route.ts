/**
 * PUT /api/v1/teams/<village> {"members": [zalo user ids], "name"?} (officer, admin): a village's
 * community digital technology team, or the commune team as `commune`. GET /api/v1/teams lists
 * every team. A member may also be given as {"zaloId","displayName"}: the name is what the
 * citizen and fellow members see.
 */
import { Router } from 'express';
import { findTeamKey, teamInputSchema } from '../domain/teams/team';
import type { TeamRegistry } from '../domain/teams/team-registry';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

export function createTeamsRouter(teams: TeamRegistry, commune: CommuneProfile): Router {
  const router = Router();
  router.put('/api/v1/teams/:village', requireRole('officer'), async (req, res) => {
    const key = findTeamKey(commune, String(req.params.village));
    if (!key) {
      res.status(400).json({
        error: 'invalid request',
        fields: { village: 'is not a village of the commune profile (or "commune" for the commune team)' },
      });
      return;
    }
    const parsed = teamInputSchema.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const team = await teams.put(key, parsed.data);
    req.log.info({ team: key, members: team.members.length, by: req.principal?.id }, 'team updated');
    res.json(team);
  });
  router.get('/api/v1/teams', requireRole('officer'), async (_req, res) => {
    res.json({ teams: await teams.all() });
  });
  return router;
}
