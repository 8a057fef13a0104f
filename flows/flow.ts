/**
 * What a flow is: a named piece of conversation that may offer an entry in the main menu, may
 * define conversations, and may handle updates. flows/index.ts lists them; the engine installs
 * them in that order. A flow sees the context (text, buttons, language) and domain modules only.
 */
import type { Composer } from 'grammy';
import type { Conversation } from '@grammyjs/conversations';
import type { BotContext, FlowContext } from '../src/engine/context';
import type { ProcedureCatalogue } from '../src/domain/catalogue/catalogue';
import type { CommuneProfile } from '../src/domain/commune/commune-profile';
import type { ProcedureFinder } from '../src/domain/catalogue/procedure-finder';
import type { DossierLookupService } from '../src/domain/dossiers/dossier-lookup';
import type { DossierFollows } from '../src/domain/dossiers/dossier-follows';

export type FlowConversation = Conversation<BotContext, FlowContext>;
/** Arguments given to `ctx.conversation.enter(id, …args)` arrive after the context. */
export type ConversationBuilder = (conversation: FlowConversation, ctx: FlowContext, ...args: string[]) => Promise<void>;

export interface MenuEntry {
  /** Callback data of the menu button; the flow handles it. */
  data: string;
  /** Key of the button label in locales (≤ 20 characters, Zalo's safe title length). */
  labelKey: string;
}

export interface Flow {
  name: string;
  menuEntry?: MenuEntry;
  conversations?: Record<string, ConversationBuilder>;
  /** Handlers for updates outside conversations. */
  handlers?: Composer<BotContext>;
}

/** The domain modules flows may use. */
export interface FlowDeps {
  catalogue: ProcedureCatalogue;
  search: ProcedureFinder;
  commune: CommuneProfile;
  dossiers: DossierLookupService;
  follows: DossierFollows;
}

/** The callback data of the main menu button, known to every flow. */
export const MENU_DATA = 'menu';
