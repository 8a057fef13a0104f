/**
 * Notices: messages the service sends on its own initiative (a ticket's turn, a dossier's new
 * status, an alert to officers), not as the reply to what someone just wrote. Their texts are
 * written here beside the flows; the engine sends them through this port, so it never holds a
 * flow's wording and the flows never see Zalo.
 */
import type { InlineKeyboard } from 'grammy';
import type { Translate } from '../../src/i18n';

export interface Notice {
  text: string;
  keyboard?: InlineKeyboard;
}

/** Sent; refused because the user's 7-day window is closed; or the user cannot receive now. */
export type NoticeOutcome = 'sent' | 'outside_window' | 'unreachable';

export interface NoticeSender {
  /** The recipient's translator: the language they chose, else the service's default. */
  translator(userId: string): Promise<Translate>;
  /** False when the interaction ledger knows the user is outside Zalo's 7-day window. */
  reachable(userId: string): Promise<boolean>;
  /** Zalo's refusals that mean "not now" are outcomes; any other failure throws (the job retries). */
  send(userId: string, notice: Notice): Promise<NoticeOutcome>;
  /** Sends every officer `compose(their translator)`; resolves to how many were reached. */
  toOfficers(compose: (t: Translate) => string, about: Record<string, unknown>): Promise<number>;
}
