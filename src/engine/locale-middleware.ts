/**
 * Installs the flows' language fields (`LocaleFlavor`) on every context: the citizen's remembered
 * language, or the default. Used on the bot and again inside each conversation.
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { I18n } from '../i18n';
import type { UserProfiles } from '../domain/user-profiles';
import type { LocaleFlavor } from '../../flows/context';

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
