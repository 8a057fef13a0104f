/**
 * What a flow is: a named piece of conversation that may offer an entry in the main menu, may
 * define conversations, and may handle updates. flows/index.ts lists them; the engine installs
 * them in that order. A flow sees the context (text, buttons, language) and domain modules only.
 */
import type { Composer } from 'grammy';
import type { Conversation } from '@grammyjs/conversations';
import type { BotContext, FlowContext } from './context';
import type { ProcedureCatalogue } from '../src/domain/catalogue/catalogue';
import type { CommuneProfile } from '../src/domain/commune/commune-profile';
import type { ProcedureFinder } from '../src/domain/catalogue/procedure-finder';
import type { DossierLookupService } from '../src/domain/dossiers/dossier-lookup';
import type { DossierFollows } from '../src/domain/dossiers/dossier-follows';
import type { FollowerRegistry } from '../src/domain/followers/follower-registry';
import type { StaffDirectory } from '../src/domain/access/staff-directory';
import type { BroadcastService } from '../src/domain/broadcasts/broadcast-service';
import type { CitizenCommands } from '../src/domain/tickets/citizen-commands';
import type { TeamCommands } from '../src/domain/tickets/team-commands';
import type { ChatContext } from '../src/domain/chat-context';
import type { UnplacedLog } from '../src/domain/insights/unplaced-log';
import type { WeeklySchedule } from '../src/domain/tickets/office-time';
import type { Understander } from '../src/domain/understanding/understanding';

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
  /** The citizen's announcement settings (village, topics, stop all). */
  followers: FollowerRegistry;
  /** Officers' Zalo ids and roles: who may compose announcements in the chat. */
  staff: Pick<StaffDirectory, 'get'>;
  /** Announcements composed in the chat (the composer's preview count and its confirmation). */
  broadcasts: Pick<BroadcastService, 'create' | 'countAudience'>;
  /** Questions handed to the village teams: the citizen's side and the members' side. */
  tickets: { citizen: CitizenCommands; team: TeamCommands };
  /** What a message means (intent, slots, language): the front desk routes by it. */
  understander: Understander;
  /** The short-term context of each chat: the procedure last discussed, the buttons last shown. */
  context: ChatContext;
  /** Messages the bot could not place, for the officers' insights. */
  unplaced: Pick<UnplacedLog, 'record' | 'recordNext'>;
  /** The service centre's opening hours, for "is it open on Saturday afternoon?". */
  officeSchedule: WeeklySchedule;
}

/** The callback data of the main menu button, known to every flow. */
export const MENU_DATA = 'menu';
