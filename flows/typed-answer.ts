/**
 * A question that waits for a typed answer (a dossier code, four digits, a village, a language)
 * and receives a photo, a sticker or a file says so instead of dropping it in silence: people
 * photograph their receipt rather than type its code.
 */
import type { FlowContext } from './context';

export function typedAnswerOnly(ctx: FlowContext) {
  return { otherwise: (other: FlowContext) => other.reply(ctx.t('understanding:typeAnswer')) };
}
