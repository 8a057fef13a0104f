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

export const FLOWS_VERSION = 1;

export interface FlowRegistry {
  flows: Flow[];
  menu: MenuEntry[];
}

export function createFlows(deps: FlowDeps): FlowRegistry {
  const menu: MenuEntry[] = [];
  const entries = () => menu;
  // Language last: the menu lists capabilities in this order.
  // Dossier codes are recognised before free text goes to the procedure search.
  const capabilities: Flow[] = [createDossiersFlow(deps), createProceduresFlow(deps), createLanguageFlow(entries)];
  menu.push(...capabilities.flatMap((f) => (f.menuEntry ? [f.menuEntry] : [])));
  return { flows: [createMenuFlow(menu), ...capabilities, createFallbackFlow(entries)], menu };
}
