/**
 * Switching language (Tiếng Việt / English). A short conversation: the choice arrives as a
 * button click or typed ("english", "tieng viet", "1", "2"); anything else asks once more.
 */
import { Composer } from 'grammy';
import { isLocale, type Locale } from '../src/i18n';
import type { BotContext, FlowContext } from './context';
import type { Flow, FlowConversation, MenuEntry } from './flow';
import { buttons } from './keyboard';
import { showMenu } from './menu';
import { normalisePhrase } from './phrases';
import { isElsewhere } from './elsewhere';
import { typedAnswerOnly } from './typed-answer';
import type { Understander } from '../src/domain/understanding/understanding';
import { foldPhrase } from '../src/domain/text/fold';

const DATA = 'lang';
/** The button that switches straight to a language. */
export const languageData = (locale: Locale) => `${DATA}:${locale}`;
const CONVERSATION = 'language';
const MAX_TRIES = 3;

const TYPED: Record<string, Locale> = {
  '1': 'vi',
  'tieng viet': 'vi',
  viet: 'vi',
  vietnamese: 'vi',
  vi: 'vi',
  '2': 'en',
  english: 'en',
  'tieng anh': 'en',
  en: 'en',
};

function choiceOf(ctx: FlowContext): Locale | undefined {
  const data = ctx.callbackQuery?.data;
  if (data?.startsWith(`${DATA}:`)) {
    const locale = data.slice(DATA.length + 1);
    return isLocale(locale) ? locale : undefined;
  }
  const text = ctx.message?.text;
  // "tiếng anh" must not lose "anh" as if it were the polite pronoun: exact phrase first.
  return text ? (TYPED[foldPhrase(text)] ?? TYPED[normalisePhrase(text)]) : undefined;
}

/** A language named anywhere in a message ("nói tiếng Việt đi", "can you speak English"); both or neither: undefined. */
export function namedLocale(text: string): Locale | undefined {
  const words = ` ${foldPhrase(text)} `;
  const vi = / (?:tieng viet|vietnamese|viet) /.test(words);
  const en = / (?:tieng anh|english) /.test(words);
  return vi === en ? undefined : vi ? 'vi' : 'en';
}

function askKeyboard(ctx: FlowContext) {
  return buttons([
    { label: ctx.t('language.vi'), data: `${DATA}:vi` },
    { label: ctx.t('language.en'), data: `${DATA}:en` },
  ]);
}

export function createLanguageFlow(menu: () => MenuEntry[], understander?: Understander): Flow & { actions: LanguageActions } {
  async function language(conversation: FlowConversation, ctx: FlowContext) {
    await ctx.reply(ctx.t('language.ask'), { reply_markup: askKeyboard(ctx) });
    for (let tries = 1; tries <= MAX_TRIES; tries += 1) {
      const answer = await conversation.waitFor(['callback_query:data', 'message:text'], typedAnswerOnly(ctx));
      const chosen = choiceOf(answer);
      // Another button, or a message clearly about something else, leaves the question.
      if (!chosen && (answer.callbackQuery || (understander && isElsewhere(understander.understand(answer.message.text), ['language'])))) {
        return conversation.halt({ next: true });
      }
      if (chosen) {
        await conversation.external(() => answer.setLocale(chosen));
        await showMenu(answer, menu(), 'language.done');
        return;
      }
      if (tries < MAX_TRIES) await answer.reply(ctx.t('language.again'), { reply_markup: askKeyboard(answer) });
    }
    await ctx.reply(ctx.t('language.gaveUp'));
  }

  async function set(ctx: FlowContext, locale: Locale) {
    await ctx.setLocale(locale);
    await showMenu(ctx, menu(), 'language.done');
  }

  const handlers = new Composer<BotContext>();
  handlers.callbackQuery(DATA, (ctx) => ctx.conversation.enter(CONVERSATION));
  // "Use English" offered under an answer given in the language the person wrote in.
  handlers.callbackQuery(/^lang:(vi|en)$/, (ctx) => set(ctx, ctx.match[1] as Locale));
  const actions: LanguageActions = { start: (ctx) => ctx.conversation.enter(CONVERSATION), set };
  return {
    name: 'language',
    menuEntry: { data: DATA, labelKey: 'menu.language' },
    conversations: { [CONVERSATION]: language },
    handlers,
    actions,
  };
}

export interface LanguageActions {
  start(ctx: BotContext): Promise<unknown>;
  set(ctx: FlowContext, locale: Locale): Promise<unknown>;
}
