/**
 * Procedure lookup. A question the front desk (flows/front-desk.ts) reads as a procedure question
 * goes to the search, and the answer is a procedure card (a sure match), a numbered choice (close
 * or weak matches), or an honest "nothing fits" that offers a person; a follow-up ("cần mang gì?")
 * answers one part of a procedure. From the menu, "Tra cứu thủ tục" offers typing a question or
 * browsing by field. Every step is a stateless button (the callback data names the procedure or
 * the page), so an old button still works — and, being untrusted input, is checked against the
 * catalogue.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, FlowContext } from './context';
import type { Procedure } from '../src/domain/catalogue/procedure';
import type { OutOfScope } from '../src/domain/catalogue/procedure-finder';
import { onlineFilingUrl } from '../src/domain/commune/commune-profile';
import { MENU_DATA, type Flow, type FlowDeps } from './flow';
import { normalisePhrase } from './phrases';
import {
  documentCaseNames,
  documentCaseText,
  documentsByCase,
  documentsText,
  feesText,
  hasNoDetails,
  numberedList,
  procedureCard,
  whereLines,
} from './procedure-text';
import { askLine, callTarget, contactText } from './contact-phrases';
import type { FollowUpAspect } from '../src/domain/understanding/intent';
import { numberedLabels, truncateWords } from './short-label';
import { TICKET_DATA } from './ticket-text';

const DATA = 'proc';
/** Items per page when browsing: four numbered buttons and one "more". */
const PAGE = 4;
const BROWSE_WORDS = new Set(['thu tuc', 'tthc', 'thu tuc hanh chinh', 'tra cuu thu tuc', 'procedures', 'procedure']);
/** Related procedures listed at once: four and a back button. */
const RELATED = 4;

export function createProceduresFlow(deps: FlowDeps): Flow & { actions: ProcedureActions } {
  const { catalogue, search, commune, context } = deps;
  const handlers = new Composer<BotContext>();

  const procedureOf = (code: string | undefined) => (code ? catalogue.get(code) : undefined);

  /** A call button only for a number someone confirmed (the centre's, else the city hotline); none otherwise. */
  function addCallButton(ctx: FlowContext, keyboard: InlineKeyboard): InlineKeyboard {
    const call = callTarget(commune);
    return call ? keyboard.url(ctx.t(call.labelKey), `tel:${call.phone}`).row() : keyboard;
  }

  async function showCard(ctx: FlowContext, p: Procedure) {
    await context.rememberProcedure(String(ctx.chatId), p.code);
    const keyboard = new InlineKeyboard();
    // With nothing known, details pages would be empty: a confirmed number to call is the useful button.
    if (hasNoDetails(p)) addCallButton(ctx, keyboard);
    else {
      keyboard
        .text(ctx.t('procedures.buttons.documents'), `${DATA}:d:${p.code}`)
        .row()
        .text(ctx.t('procedures.buttons.fees'), `${DATA}:fee:${p.code}`)
        .row();
    }
    if (p.channels.some((c) => c.kind === 'online')) keyboard.url(ctx.t('procedures.buttons.online'), onlineFilingUrl(commune, p)).row();
    if (catalogue.relatedTo(p).length) keyboard.text(ctx.t('procedures.buttons.related'), `${DATA}:r:${p.code}`).row();
    keyboard.text(ctx.t('procedures.buttons.menu'), MENU_DATA);
    const card = procedureCard(ctx.t, p, commune, catalogue.replacedBy(p.code));
    await ctx.reply(ctx.locale === 'en' ? `${englishHeading(ctx, p)}\n\n${card}` : card, { reply_markup: keyboard });
  }

  /** Numbered procedures, then one more button (back to a card, or asking the village team). */
  async function showChoice(ctx: FlowContext, introKey: string, procedures: Procedure[], last?: { label: string; data: string }) {
    const keyboard = new InlineKeyboard();
    const labels = numberedLabels(procedures.map((p) => p.name));
    procedures.forEach((p, i) => keyboard.text(labels[i] ?? p.name, `${DATA}:c:${p.code}`).row());
    if (last) keyboard.text(last.label, last.data);
    await ctx.reply(`${ctx.t(introKey)}\n\n${numberedList(procedures.map((p) => p.name))}`, { reply_markup: keyboard });
  }

  /**
   * Answers a question; says whether anything fitted (for the insights). `otherwise` replaces the
   * "nothing fits" answer (a follow-up with no procedure in sight asks which one instead).
   */
  async function answerQuestion(ctx: FlowContext, question: string, otherwise?: () => Promise<unknown>): Promise<'answered' | 'nothing'> {
    if (BROWSE_WORDS.has(normalisePhrase(question))) return (void (await showFields(ctx, 0, 'procedures.start')), 'answered');
    const { hits, confidence, outOfScope } = search.search(question, 5);
    const found = hits.map((h) => catalogue.get(h.code)).filter((p): p is Procedure => Boolean(p));
    if ((confidence === 'exact' || confidence === 'sure') && found[0]) return (void (await showCard(ctx, found[0])), 'answered');
    // Four guesses and a person to ask: a weak match may not be what the citizen needs at all.
    if (confidence === 'ambiguous' && found.length)
      return (void (await showChoice(ctx, 'procedures.choose', found.slice(0, 4), askTeamButton(ctx))), 'answered');
    if (otherwise && !outOfScope) return (void (await otherwise()), 'answered');
    await showNothingFits(ctx, outOfScope);
    return outOfScope ? 'answered' : 'nothing';
  }

  async function showNothingFits(ctx: FlowContext, outOfScope?: OutOfScope) {
    const ask = askTeamButton(ctx);
    const keyboard = addCallButton(
      ctx,
      new InlineKeyboard().text(ask.label, ask.data).row().text(ctx.t('procedures.buttons.browse'), `${DATA}:f:0`).row(),
    );
    const contact = { ask: askLine(ctx.t, commune) };
    // A matter handled elsewhere is answered: "try typing it again" would not help.
    const text = outOfScope
      ? `${elsewhereText(ctx, outOfScope)}\n\n${ctx.t('procedures.nothingElsewhere', contact)}`
      : `${ctx.t('procedures.nothing', contact)}\n${ctx.t('fallback.menuHint')}`;
    await ctx.reply(text, { reply_markup: keyboard });
  }

  /** The centre's confirmed contact facts (never a sample value), and the portal and hotline for the rest. */
  async function showContact(ctx: FlowContext) {
    const keyboard = addCallButton(ctx, new InlineKeyboard())
      .url(ctx.t('procedures.buttons.online'), commune.onlineFiling.fallbackUrl)
      .row()
      .text(ctx.t('procedures.buttons.menu'), MENU_DATA);
    await ctx.reply(contactText(ctx.t, commune), { reply_markup: keyboard });
  }

  async function showDocuments(ctx: FlowContext, p: Procedure, page = 0) {
    if (!documentsByCase(ctx.t, p)) return ctx.reply(documentsText(ctx.t, p), { reply_markup: backTo(ctx, p) });
    const names = documentCaseNames(ctx.t, p);
    const from = Math.min(page, Math.ceil(names.length / PAGE) - 1) * PAGE;
    const shown = names.slice(from, from + PAGE);
    const keyboard = new InlineKeyboard();
    const labels = numberedLabels(shown, from);
    shown.forEach((name, i) => keyboard.text(labels[i] ?? name, `${DATA}:dc:${p.code}:${from + i}`).row());
    if (from + PAGE < names.length) keyboard.text(ctx.t('procedures.buttons.more'), `${DATA}:dl:${p.code}:${from / PAGE + 1}`);
    else keyboard.text(ctx.t('procedures.buttons.back'), `${DATA}:c:${p.code}`);
    const intro = ctx.t('procedures.documentCases', { name: p.name, count: names.length });
    return ctx.reply(`${intro}\n\n${numberedList(shown, from)}`, { reply_markup: keyboard });
  }

  async function showDocumentCase(ctx: FlowContext, p: Procedure, index: number) {
    if (index >= p.documentGroups.length) return showDocuments(ctx, p);
    const keyboard = new InlineKeyboard()
      .text(ctx.t('procedures.buttons.backToCases'), `${DATA}:dl:${p.code}:${Math.floor(index / PAGE)}`)
      .row()
      .text(ctx.t('procedures.buttons.back'), `${DATA}:c:${p.code}`)
      .row()
      .text(ctx.t('procedures.buttons.menu'), MENU_DATA);
    return ctx.reply(documentCaseText(ctx.t, p, index), { reply_markup: keyboard });
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
    const labels = numberedLabels(
      procedures.map((p) => p.name),
      page * PAGE,
    );
    procedures.forEach((p, i) => keyboard.text(labels[i] ?? p.name, `${DATA}:c:${p.code}`).row());
    if (more) keyboard.text(ctx.t('procedures.buttons.more'), more);
    const intro = ctx.t('procedures.inField', { field, count: all.length });
    await ctx.reply(
      `${intro}\n\n${numberedList(
        procedures.map((p) => p.name),
        page * PAGE,
      )}`,
      { reply_markup: keyboard },
    );
  }

  handlers.callbackQuery(DATA, (ctx) => showFields(ctx, 0, 'procedures.start'));
  handlers.callbackQuery(/^proc:f:(\d{1,3})$/, (ctx) => showFields(ctx, Number(ctx.match[1])));
  handlers.callbackQuery(/^proc:fl:(\d{1,3}):(\d{1,3})$/, (ctx) => showField(ctx, Number(ctx.match[1]), Number(ctx.match[2])));
  handlers.callbackQuery(/^proc:(dc|dl):(\d\.\d{6}):(\d{1,2})$/, (ctx) => {
    const p = procedureOf(ctx.match[2]);
    if (!p) return showFields(ctx, 0, 'procedures.gone');
    const n = Number(ctx.match[3]);
    return ctx.match[1] === 'dc' ? showDocumentCase(ctx, p, n) : showDocuments(ctx, p, n);
  });
  handlers.callbackQuery(/^proc:(c|d|fee|r):(.{1,20})$/, async (ctx) => {
    const p = procedureOf(ctx.match[2]);
    if (!p) return showFields(ctx, 0, 'procedures.gone');
    switch (ctx.match[1]) {
      case 'c':
        return showCard(ctx, p);
      case 'd':
        return showDocuments(ctx, p);
      case 'fee':
        return ctx.reply(feesText(ctx.t, p), { reply_markup: backTo(ctx, p) });
      default:
        return showChoice(ctx, 'procedures.related', catalogue.relatedTo(p).slice(0, RELATED), {
          label: ctx.t('procedures.buttons.back'),
          data: `${DATA}:c:${p.code}`,
        });
    }
  });
  /** An English reader is told plainly that the details are the catalogue's Vietnamese. */
  function englishHeading(ctx: FlowContext, p: Procedure): string {
    const name = search.englishName(p.code);
    return [name ? `${name} (${p.name})` : undefined, ctx.t('understanding:viOnly')].filter(Boolean).join('\n');
  }

  /** A follow-up ("cần mang gì?", "mất bao lâu?") about a procedure already named. */
  async function followUp(ctx: FlowContext, p: Procedure, aspect: FollowUpAspect) {
    await context.rememberProcedure(String(ctx.chatId), p.code);
    const back = backTo(ctx, p);
    switch (aspect) {
      case 'documents':
        return showDocuments(ctx, p);
      case 'fee':
      case 'time':
        return ctx.reply(feesText(ctx.t, p), { reply_markup: back });
      case 'where':
        return ctx.reply([ctx.t('understanding:followUp.whereOf', { name: p.name }), ...whereLines(ctx.t, p, commune)].join('\n'), {
          reply_markup: back,
        });
      case 'online': {
        if (!p.channels.some((c) => c.kind === 'online')) {
          return ctx.reply([ctx.t('understanding:followUp.onlineNo', { name: p.name }), ...whereLines(ctx.t, p, commune)].join('\n'), {
            reply_markup: back,
          });
        }
        // Worded as the card words it ("trực tuyến (toàn trình) trên Cổng Dịch vụ công quốc gia").
        const how = ctx.t(p.onlineLevel === 'full' ? 'procedures.card.onlineFull' : 'procedures.card.online', {
          portal: commune.onlineFiling.portalName,
        });
        const keyboard = new InlineKeyboard()
          .url(ctx.t('procedures.buttons.online'), onlineFilingUrl(commune, p))
          .row()
          .text(ctx.t('procedures.buttons.back'), `${DATA}:c:${p.code}`);
        return ctx.reply(ctx.t('understanding:followUp.onlineYes', { name: p.name, how }), { reply_markup: keyboard });
      }
      case 'result':
        return ctx.reply(
          p.results.length
            ? ctx.t('understanding:followUp.resultOf', { name: p.name, results: p.results.join('; ') })
            : ctx.t('understanding:followUp.noResult', { name: p.name }),
          { reply_markup: back },
        );
    }
  }

  const actions: ProcedureActions = {
    answer: answerQuestion,
    browse: (ctx) => showFields(ctx, 0, 'procedures.start'),
    contact: showContact,
    show(ctx, code) {
      const p = procedureOf(code);
      return p ? showCard(ctx, p) : showFields(ctx, 0, 'procedures.gone');
    },
    followUp(ctx, code, aspect) {
      const p = procedureOf(code);
      return p ? followUp(ctx, p, aspect) : showFields(ctx, 0, 'procedures.gone');
    },
  };

  return { name: 'procedures', menuEntry: { data: DATA, labelKey: 'procedures.menu' }, handlers, actions };
}

/** What the front desk (flows/front-desk.ts) asks of the procedure lookup. */
export interface ProcedureActions {
  /** Runs the search on a question: a card, a numbered choice or "nothing fits" ('nothing'), or `otherwise` instead of that. */
  answer(ctx: FlowContext, question: string, otherwise?: () => Promise<unknown>): Promise<'answered' | 'nothing'>;
  browse(ctx: FlowContext): Promise<unknown>;
  contact(ctx: FlowContext): Promise<unknown>;
  /** The card of a procedure the understanding found already. */
  show(ctx: FlowContext, code: string): Promise<unknown>;
  followUp(ctx: FlowContext, code: string, aspect: FollowUpAspect): Promise<unknown>;
}

/** "Hỏi tổ công nghệ số": the question goes to a person of the citizen's village team (flows/ask-team.ts). */
function askTeamButton(ctx: FlowContext) {
  return { label: ctx.t('tickets.buttons.ask'), data: TICKET_DATA };
}

/** Who handles a matter outside the catalogue, when a source says so; else where to ask, claiming no agency. */
function elsewhereText(ctx: FlowContext, { topic, handledBy }: OutOfScope): string {
  return handledBy ? ctx.t('procedures.elsewhere', { topic, handledBy }) : ctx.t('procedures.notListed', { topic });
}

function backTo(ctx: FlowContext, p: Procedure) {
  return new InlineKeyboard()
    .text(ctx.t('procedures.buttons.back'), `${DATA}:c:${p.code}`)
    .row()
    .text(ctx.t('procedures.buttons.menu'), MENU_DATA);
}
