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

export const FLOWS_VERSION = 1;

export interface FlowRegistry {
  flows: Flow[];
  menu: MenuEntry[];
}

export function createFlows(deps: FlowDeps): FlowRegistry {
  const menu: MenuEntry[] = [];
  const entries = () => menu;
  // Language last: the menu lists capabilities in this order.
  const capabilities: Flow[] = [createProceduresFlow(deps), createLanguageFlow(entries)];
  menu.push(...capabilities.flatMap((f) => (f.menuEntry ? [f.menuEntry] : [])));
  return { flows: [createMenuFlow(menu), ...capabilities, createFallbackFlow(entries)], menu };
}
