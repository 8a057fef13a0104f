/**
 * The registry of flows, in the order they see updates. A new capability adds its flow here;
 * its menu entry appears in the main menu from then on. `FLOWS_VERSION` is stored with each
 * conversation's state: bump it when a change makes saved conversations unreplayable.
 */
import type { Flow, FlowDeps, MenuEntry } from './flow';
import { createFallbackFlow } from './fallback';
import { createLanguageFlow } from './language';
import { createMenuFlow } from './menu';
import { createProceduresFlow } from './procedures';
import { createDossiersFlow } from './dossiers';
import { createSubscriptionsFlow } from './subscriptions';
import { createBroadcastComposeFlow } from './broadcast-compose';
import { createAskTeamFlow } from './ask-team';
import { createTeamDeskFlow } from './team-desk';

export const FLOWS_VERSION = 1;

export interface FlowRegistry {
  flows: Flow[];
  menu: MenuEntry[];
}

export function createFlows(deps: FlowDeps): FlowRegistry {
  const menu: MenuEntry[] = [];
  const entries = () => menu;
  const dossiers = createDossiersFlow(deps);
  const procedures = createProceduresFlow(deps);
  const subscriptions = createSubscriptionsFlow(deps);
  const language = createLanguageFlow(entries);
  const askTeam = createAskTeamFlow(deps);
  // Language last: the menu lists capabilities in this order.
  const capabilities: Flow[] = [dossiers, procedures, subscriptions, askTeam, language];
  menu.push(...capabilities.flatMap((f) => (f.menuEntry ? [f.menuEntry] : [])));
  // Updates reach flows in this order: typed commands ("soạn thông báo", "nhận thông báo") and
  // dossier codes are recognised before free text goes to the procedure search.
  // While a ticket is being answered, the member's and the citizen's messages belong to it.
  const ordered: Flow[] = [createBroadcastComposeFlow(deps), createTeamDeskFlow(deps), askTeam, subscriptions, dossiers, procedures, language];
  return { flows: [createMenuFlow(menu), ...ordered, createFallbackFlow(entries)], menu };
}
