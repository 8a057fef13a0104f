/**
 * The commune's villages and announcement topics, as the service's commune profile names them:
 * the villages from GET /api/v1/teams (every village has a team entry), the topics from the
 * followers' counts, which name every topic of the profile.
 */
import { api } from './api';
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

export interface FollowerCounts {
  total: number;
  stopped: number;
  withoutVillage: number;
  villages: Array<{ village: string; count: number }>;
  topics: Array<{ topic: string; name: string; count: number }>;
}

export async function loadCommuneLists(): Promise<CommuneLists> {
  const [teams, followers] = await Promise.all([
    api.get<{ teams: Team[] }>('/teams'),
    api.get<{ counts: FollowerCounts }>('/followers?limit=1'),
  ]);
  return {
    villages: teams.teams.map((team) => team.key).filter((key) => key !== COMMUNE_TEAM),
    topics: followers.counts.topics.map((topic) => ({ id: topic.topic, label: topic.name })),
  };
}
