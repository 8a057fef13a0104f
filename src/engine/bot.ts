/**
 * The grammY bot, with no Telegram behind it: `botInfo` is given so grammY never calls getMe,
 * and every Bot API call goes through the Zalo bridge's fetch (docs/zalo-platform.md (engine notes)).
 */
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { conversations, createConversation } from '@grammyjs/conversations';
import type { FlowRegistry } from '../../flows';
import { FLOWS_VERSION } from '../../flows';
import { createEscape } from '../../flows/menu';
import type { I18n } from '../i18n';
import type { UserProfiles } from '../domain/user-profiles';
import type { BotContext, FlowContext } from '../../flows/context';
import { withLocale } from './locale-middleware';
import type { StorageAdapter } from './conversation-storage';
import type { ChatContext } from '../domain/chat-context';
import { rememberShownButtons } from './shown-buttons';

const BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Zalo OA',
  username: 'zalo_oa',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface BotOptions {
  fetch: unknown;
  i18n: I18n;
  profiles: UserProfiles;
  storage: StorageAdapter<never>;
  registry: FlowRegistry;
  /** Where the buttons each chat was last shown are remembered (typed labels work like them). */
  context: Pick<ChatContext, 'rememberButtons'>;
}

export function createBot(options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>('zalo', {
    botInfo: BOT_INFO,
    client: {
      // grammY types `fetch` as node-fetch's; ours answers the same `.json()` contract.
      fetch: options.fetch as never,
      apiRoot: 'http://zalo.bridge',
      // The OA client retries with back-off itself; grammY must not give up first.
      timeoutSeconds: 600,
    },
  });
  bot.api.config.use(rememberShownButtons(options.context));
  const locale = withLocale<BotContext>(options.i18n, options.profiles);
  bot.use(locale);
  for (const before of options.registry.before) bot.use(before);
  bot.use(
    conversations<BotContext, FlowContext>({
      storage: { type: 'key', version: FLOWS_VERSION, adapter: options.storage },
      plugins: [withLocale<FlowContext>(options.i18n, options.profiles)],
    }),
  );
  bot.use(createEscape(options.registry.menu));
  for (const flow of options.registry.flows) {
    for (const [id, builder] of Object.entries(flow.conversations ?? {})) {
      bot.use(createConversation<BotContext, FlowContext>(builder, id));
    }
  }
  for (const flow of options.registry.flows) if (flow.handlers) bot.use(flow.handlers);
  return bot;
}
