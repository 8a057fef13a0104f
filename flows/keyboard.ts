/** Buttons for flows: one per row, as Zalo shows them (at most 5, checked by the bridge). */
import { InlineKeyboard } from 'grammy';

export function buttons(items: Array<{ label: string; data: string }>): InlineKeyboard {
  return InlineKeyboard.from(items.map((i) => [InlineKeyboard.text(i.label, i.data)]));
}
