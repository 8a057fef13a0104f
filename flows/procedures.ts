/**
 * Procedure lookup. Any free text outside a conversation is a citizen's question: it goes to the
 * search, and the answer is a procedure card (a sure match), a numbered choice (close or weak
 * matches), or an honest "nothing fits" with the centre's phone. From the menu, "Tra cứu thủ tục"
 * offers typing a question or browsing by field. Every step is a stateless button (the callback
 * data names the procedure or the page), so an old button still works — and, being untrusted
 * input, is checked against the catalogue.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, FlowContext } from '../src/engine/context';
import type { Procedure } from '../src/domain/catalogue/procedure';
import type { OutOfScope } from '../src/domain/catalogue/procedure-finder';
import { onlineFilingUrl } from '../src/domain/commune/commune-profile';
import { MENU_DATA, type Flow, type FlowDeps } from './flow';
import { normalisePhrase } from './phrases';
import { documentsText, feesText, numberedList, procedureCard } from './procedure-text';
import { numberedLabel, truncateWords } from './short-label';

const DATA = 'proc';
/** Items per page when browsing: four numbered buttons and one "more". */
const PAGE = 4;
const BROWSE_WORDS = new Set(['thu tuc', 'tthc', 'thu tuc hanh chinh', 'tra cuu thu tuc', 'procedures', 'procedure']);

export function createProceduresFlow(deps: FlowDeps): Flow {
  const { catalogue, search, commune } = deps;
  const handlers = new Composer<BotContext>();

  const procedureOf = (code: string | undefined) => (code ? catalogue.get(code) : undefined);

  async function showCard(ctx: FlowContext, p: Procedure) {
    const keyboard = new InlineKeyboard()
      .text(ctx.t('procedures.buttons.documents'), `${DATA}:d:${p.code}`)
      .row()
      .text(ctx.t('procedures.buttons.fees'), `${DATA}:fee:${p.code}`)
      .row();
    if (p.channels.some((c) => c.kind === 'online')) keyboard.url(ctx.t('procedures.buttons.online'), onlineFilingUrl(commune, p)).row();
    if (catalogue.relatedTo(p).length) keyboard.text(ctx.t('procedures.buttons.related'), `${DATA}:r:${p.code}`).row();
    keyboard.text(ctx.t('procedures.buttons.menu'), MENU_DATA);
    await ctx.reply(procedureCard(ctx.t, p, commune, catalogue.replacedBy(p.code)), { reply_markup: keyboard });
  }


  async function showChoice(ctx: FlowContext, introKey: string, procedures: Procedure[], more?: string) {
    const keyboard = new InlineKeyboard();
    procedures.forEach((p, i) => keyboard.text(numberedLabel(i + 1, p.name), `${DATA}:c:${p.code}`).row());
    if (more) keyboard.text(ctx.t('procedures.buttons.more'), more);
    await ctx.reply(`${ctx.t(introKey)}\n\n${numberedList(procedures.map((p) => p.name))}`, { reply_markup: keyboard });
  }

  async function answerQuestion(ctx: FlowContext, question: string) {
    const { hits, confidence, outOfScope } = search.search(question, 5);
    const found = hits.map((h) => catalogue.get(h.code)).filter((p): p is Procedure => Boolean(p));
    if ((confidence === 'exact' || confidence === 'sure') && found[0]) return showCard(ctx, found[0]);
    if (confidence === 'ambiguous' && found.length) return showChoice(ctx, 'procedures.choose', found.slice(0, 5));
    return showNothingFits(ctx, outOfScope);
  }

  async function showNothingFits(ctx: FlowContext, outOfScope?: OutOfScope) {
    const centre = commune.serviceCentre;
    const keyboard = new InlineKeyboard()
      .text(ctx.t('procedures.buttons.browse'), `${DATA}:f:0`)
      .row()
      .url(ctx.t('procedures.buttons.call'), `tel:${centre.phone}`);
    const elsewhere = outOfScope ? `${ctx.t('procedures.elsewhere', { topic: outOfScope.topic, handledBy: outOfScope.handledBy })}\n\n` : '';
    const text = `${elsewhere}${ctx.t('procedures.nothing', { centre: centre.name, phone: centre.phone })}\n${ctx.t('fallback.menuHint')}`;
    await ctx.reply(text, { reply_markup: keyboard });
  }

  async function showFields(ctx: FlowContext, page: number, introKey = 'procedures.browse') {
    const fields = catalogue.fields.slice(page * PAGE, page * PAGE + PAGE);
    if (!fields.length) return showFields(ctx, 0, introKey);
    const keyboard = new InlineKeyboard();
    fields.forEach((f, i) => keyboard.text(truncateWords(`${page * PAGE + i + 1}. ${f}`), `${DATA}:fl:${page * PAGE + i}:0`).row());
    if ((page + 1) * PAGE < catalogue.fields.length) keyboard.text(ctx.t('procedures.buttons.moreFields'), `${DATA}:f:${page + 1}`);
    await ctx.reply(`${ctx.t(introKey)}\n\n${numberedList(fields, page * PAGE)}`, { reply_markup: keyboard });
  }

  async function showField(ctx: FlowContext, fieldIndex: number, page: number) {
    const field = catalogue.fields[fieldIndex];
    if (!field) return showFields(ctx, 0);
    const all = catalogue.inField(field);
    const procedures = all.slice(page * PAGE, page * PAGE + PAGE);
    if (!procedures.length) return showField(ctx, fieldIndex, 0);
    const more = (page + 1) * PAGE < all.length ? `${DATA}:fl:${fieldIndex}:${page + 1}` : undefined;
    const keyboard = new InlineKeyboard();
    procedures.forEach((p, i) => keyboard.text(numberedLabel(page * PAGE + i + 1, p.name), `${DATA}:c:${p.code}`).row());
    if (more) keyboard.text(ctx.t('procedures.buttons.more'), more);
    const intro = ctx.t('procedures.inField', { field, count: all.length });
    await ctx.reply(`${intro}\n\n${numberedList(procedures.map((p) => p.name), page * PAGE)}`, { reply_markup: keyboard });
  }

  handlers.callbackQuery(DATA, (ctx) => showFields(ctx, 0, 'procedures.start'));
  handlers.callbackQuery(/^proc:f:(\d{1,3})$/, (ctx) => showFields(ctx, Number(ctx.match[1])));
  handlers.callbackQuery(/^proc:fl:(\d{1,3}):(\d{1,3})$/, (ctx) => showField(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  handlers.callbackQuery(/^proc:(c|d|fee|r):(.{1,20})$/, async (ctx) => {
    const p = procedureOf(ctx.match[2]);
    if (!p) return showFields(ctx, 0, 'procedures.gone');
    switch (ctx.match[1]) {
      case 'c':
        return showCard(ctx, p);
      case 'd':
        return ctx.reply(documentsText(ctx.t, p), { reply_markup: backTo(ctx, p) });
      case 'fee':
        return ctx.reply(feesText(ctx.t, p), { reply_markup: backTo(ctx, p) });
      default:
        return showChoice(ctx, 'procedures.related', catalogue.relatedTo(p).slice(0, 5));
    }
  });
  handlers.on('message:text', (ctx) => {
    const text = ctx.message.text;
    if (BROWSE_WORDS.has(normalisePhrase(text))) return showFields(ctx, 0, 'procedures.start');
    return answerQuestion(ctx, text);
  });

  return { name: 'procedures', menuEntry: { data: DATA, labelKey: 'procedures.menu' }, handlers };
}

function backTo(ctx: FlowContext, p: Procedure) {
  return new InlineKeyboard().text(ctx.t('procedures.buttons.back'), `${DATA}:c:${p.code}`).row().text(ctx.t('procedures.buttons.menu'), MENU_DATA);
}
