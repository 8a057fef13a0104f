/**
 * The context flows receive: grammY's, plus the citizen's language. Flows see only this — no
 * Zalo, no Redis, no express. The engine installs the language fields (`withLocale`), again
 * inside each conversation, since conversations build their own context objects.
 */
import type { Context } from 'grammy';
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Locale, Translate } from '../src/i18n';

export interface LocaleFlavor {
  locale: Locale;
  t: Translate;
  /** Remembers the citizen's language and switches this context to it. */
  setLocale(locale: Locale): Promise<void>;
  /** Answers this one message in another language (the person wrote in it), remembering nothing. */
  useLocale(locale: Locale): void;
}

export type FlowContext = Context & LocaleFlavor;
export type BotContext = FlowContext & ConversationFlavor<FlowContext>;
