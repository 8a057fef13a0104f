/**
 * The registry of flows, in the order they see updates. A new capability adds its flow here;
 * its menu entry appears in the main menu from then on. `FLOWS_VERSION` is stored with each
 * conversation's state: bump it when a change makes saved conversations unreplayable.
 */
import type { Composer } from 'grammy';
import type { BotContext } from './context';
import type { I18n } from '../src/i18n';
import type { Flow, FlowDeps, MenuEntry } from './flow';
import { createFallbackFlow } from './fallback';
import { createLanguageFlow } from './language';
import { createMenuFlow } from './menu';
import { createProceduresFlow } from './procedures';
import { createDossiersFlow } from './dossiers';
import { createSubscriptionsFlow } from './subscriptions';
import { createBroadcastComposeFlow } from './broadcast-compose';
import { createAskTeamFlow } from './ask-team';
import { createMemberTicketsFlow } from './member-tickets';
import { createFrontDesk } from './front-desk';
import { createTypedButtons } from './typed-buttons';

export const FLOWS_VERSION = 1;

export interface FlowRegistry {
  /** Run before the conversations: a typed button label becomes the button it names. */
  before: Composer<BotContext>[];
  flows: Flow[];
  menu: MenuEntry[];
}

export function createFlows(deps: FlowDeps, i18n: I18n): FlowRegistry {
  const menu: MenuEntry[] = [];
  const entries = () => menu;
  const dossiers = createDossiersFlow(deps);
  const procedures = createProceduresFlow(deps);
  const subscriptions = createSubscriptionsFlow(deps);
  const language = createLanguageFlow(entries, deps.understander);
  const askTeam = createAskTeamFlow(deps);
  // Language last: the menu lists capabilities in this order.
  const capabilities: Flow[] = [dossiers, procedures, subscriptions, askTeam, language];
  menu.push(...capabilities.flatMap((f) => (f.menuEntry ? [f.menuEntry] : [])));
  const frontDesk = createFrontDesk(deps, {
    menu: entries,
    procedures: procedures.actions,
    dossiers: dossiers.actions,
    subscriptions: subscriptions.actions,
    askTeam: askTeam.actions,
    language: language.actions,
  });
  // Updates reach flows in this order: an officer's typed commands, a ticket being answered and
  // dossier codes are recognised first; every other typed message goes to the front desk, which
  // understands it and sends it on; what is left (photos, stale buttons) to the fallback.
  const ordered: Flow[] = [
    createBroadcastComposeFlow(deps),
    createMemberTicketsFlow(deps),
    askTeam,
    subscriptions,
    dossiers,
    procedures,
    language,
    frontDesk,
  ];
  return {
    before: [createTypedButtons(deps.context, i18n, entries)],
    flows: [createMenuFlow(menu), ...ordered, createFallbackFlow(entries)],
    menu,
  };
}
