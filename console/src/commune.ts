/**
 * The commune's villages and announcement topics, as the service's commune profile names them:
 * the villages from GET /api/v1/teams (every village has a team entry), the topics from the
 * followers' summary, which counts every topic of the profile.
 */
import { api } from './api';
import { lang } from './i18n';
import { COMMUNE_TEAM } from './access';
import type { Team } from './types';

export interface Topic {
  id: string;
  label: string;
}

export interface CommuneLists {
  villages: string[];
  topics: Topic[];
}

interface FollowerSummary {
  topics: Array<{ id: string; name?: { vi: string; en: string }; label?: { vi: string; en: string }; count: number }>;
}

export async function loadCommuneLists(): Promise<CommuneLists> {
  const [teams, followers] = await Promise.all([api.get<{ teams: Team[] }>('/teams'), api.get<FollowerSummary>('/followers')]);
  return {
    villages: teams.teams.map((team) => team.key).filter((key) => key !== COMMUNE_TEAM),
    topics: followers.topics.map((topic) => ({ id: topic.id, label: topic.name?.[lang()] ?? topic.label?.[lang()] ?? topic.id })),
  };
}
