/**
 * The registry of flows, in the order they see updates. A new capability adds its flow here;
 * its menu entry appears in the main menu from then on. `FLOWS_VERSION` is stored with each
 * conversation's state: bump it when a change makes saved conversations unreplayable.
 */
import type { Flow, MenuEntry } from './flow';
import { createFallbackFlow } from './fallback';
import { createLanguageFlow } from './language';
import { createMenuFlow } from './menu';

export const FLOWS_VERSION = 1;

export interface FlowRegistry {
  flows: Flow[];
  menu: MenuEntry[];
}

export function createFlows(): FlowRegistry {
  const menu: MenuEntry[] = [];
  const entries = () => menu;
  const capabilities: Flow[] = [createLanguageFlow(entries)];
  menu.push(...capabilities.flatMap((f) => (f.menuEntry ? [f.menuEntry] : [])));
  return { flows: [createMenuFlow(menu), ...capabilities, createFallbackFlow(entries)], menu };
}
