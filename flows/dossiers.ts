/**
 * Dossier status lookup. Entered from the menu, or by any message that contains something shaped
 * like a dossier code. The bot asks for the second factor whether or not the code exists, so the
 * conversation reveals nothing before it; lockouts and the audit live in the domain service.
 */
import { Composer } from 'grammy';
import type { BotContext, FlowContext } from '../src/engine/context';
import { findDossierCode } from '../src/domain/dossiers/dossier-code';
import type { Flow, FlowConversation, FlowDeps } from './flow';
import { dossierStatusText } from './dossier-text';

const DATA = 'dos';
const CONVERSATION = 'dossier';
const CODE_TRIES = 3;
/** Answers that are not four digits at all: asked again, not counted as wrong. */
const MALFORMED_TRIES = 3;

export function createDossiersFlow(deps: FlowDeps): Flow {
  const { dossiers, catalogue, commune } = deps;
  const contact = { centre: commune.serviceCentre.name, phone: commune.serviceCentre.phone };

  async function askCode(conversation: FlowConversation, ctx: FlowContext): Promise<string | undefined> {
    await ctx.reply(ctx.t('dossiers.askCode'));
    for (let tries = 1; tries <= CODE_TRIES; tries += 1) {
      const answer = await conversation.waitFor('message:text');
      const code = findDossierCode(answer.message.text);
      if (code) return code;
      if (tries < CODE_TRIES) await answer.reply(ctx.t('dossiers.codeAgain'));
    }
    await ctx.reply(ctx.t('dossiers.codeGaveUp'));
    return undefined;
  }

  async function dossier(conversation: FlowConversation, ctx: FlowContext, presetCode?: string) {
    const userId = String(ctx.chatId);
    const code = presetCode ?? (await askCode(conversation, ctx));
    if (!code) return;
    const locked = await conversation.external(() => dossiers.lockedOut(userId, code));
    if (locked) return void (await ctx.reply(ctx.t(`dossiers.locked.${locked}`, contact)));
    await ctx.reply(ctx.t('dossiers.askFactor', { code }));
    for (let malformed = 0; malformed < MALFORMED_TRIES; ) {
      const answer = await conversation.waitFor('message:text');
      const digits = answer.message.text.replace(/\D/g, '');
      // Someone may type the whole number: only its last four digits are used, never kept.
      if (digits.length < 4) {
        malformed += 1;
        await answer.reply(ctx.t('dossiers.factorAgain'));
        continue;
      }
      const result = await conversation.external(() => dossiers.lookup(userId, code, digits.slice(-4)));
      switch (result.kind) {
        case 'shown': {
          const procedure = catalogue.get(result.dossier.procedureCode);
          return void (await answer.reply(dossierStatusText(answer.t, result.dossier, procedure?.name, commune)));
        }
        case 'wrong':
          await answer.reply(ctx.t('dossiers.wrong'));
          break;
        case 'locked':
          return void (await answer.reply(ctx.t(`dossiers.locked.${result.scope}`, contact)));
        case 'unavailable':
          return void (await answer.reply(ctx.t('dossiers.unavailable')));
      }
    }
  }

  const handlers = new Composer<BotContext>();
  handlers.callbackQuery(DATA, (ctx) => ctx.conversation.enter(CONVERSATION));
  handlers.on('message:text').filter(
    (ctx) => findDossierCode(ctx.message.text) !== undefined,
    (ctx) => ctx.conversation.enter(CONVERSATION, findDossierCode(ctx.message.text)),
  );
  return { name: 'dossiers', menuEntry: { data: DATA, labelKey: 'dossiers.menu' }, conversations: { [CONVERSATION]: dossier }, handlers };
}
