/**
 * The context flows receive: grammY's, plus the citizen's language. Flows see only this — no
 * Zalo, no Redis, no express. Inside a conversation the same fields are installed again by the
 * `withLocale` plugin, since conversations build their own context objects.
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18n, Locale, Translate } from '../i18n';
import type { UserProfiles } from '../domain/user-profiles';

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

export function withLocale<C extends Context>(i18n: I18n, profiles: UserProfiles): MiddlewareFn<C & LocaleFlavor> {
  return async (ctx, next) => {
    const userId = ctx.chatId === undefined ? undefined : String(ctx.chatId);
    const locale = (userId && (await profiles.locale(userId))) || i18n.defaultLocale;
    ctx.locale = locale;
    ctx.t = i18n.translator(locale);
    ctx.useLocale = (chosen) => {
      ctx.locale = chosen;
      ctx.t = i18n.translator(chosen);
    };
    ctx.setLocale = async (chosen) => {
      if (userId) await profiles.setLocale(userId, chosen);
      ctx.useLocale(chosen);
    };
    await next();
  };
}
