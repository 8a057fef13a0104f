/**
 * The engine's side of the flows' notice port: notices go through the bot's API (the Zalo bridge)
 * like every reply, each in its recipient's language. Zalo lets the OA message someone only within
 * 7 days of their last interaction: a refusal for that reason (-230, -232) or because the user
 * cannot receive now (-213, -217, quota) is an outcome, not an error, so callers can try someone
 * else or another channel; any other failure is thrown and the caller's job retries.
 */
import type { Api } from 'grammy';
import type { Logger } from '../logger';
import { hashId } from '../logger';
import type { I18n, Translate } from '../i18n';
import { classifyZaloError } from '../edge/zalo/errors';
import type { InteractionLedger } from '../edge/zalo/interaction-ledger';
import type { UserProfiles } from '../domain/user-profiles';
import type { StaffDirectory } from '../domain/access/staff-directory';
import type { Notice, NoticeOutcome, NoticeSender } from '../../flows/notices/notice';
import { toTelegramId } from './ids';
import { userTranslator } from './user-language';

export interface BotNoticeSenderDeps {
  /** The bot's API, read when sending: the bot is built after the flows that send notices. */
  api: () => Api;
  ledger: Pick<InteractionLedger, 'window'>;
  staff: Pick<StaffDirectory, 'list'>;
  profiles: Pick<UserProfiles, 'locale'>;
  i18n: I18n;
  logger: Logger;
}

const UNREACHABLE = new Set(['unreachable', 'user_quota']);

export class BotNoticeSender implements NoticeSender {
  constructor(private readonly deps: BotNoticeSenderDeps) {}

  translator(userId: string): Promise<Translate> {
    return userTranslator(this.deps, userId);
  }

  async reachable(userId: string): Promise<boolean> {
    return (await this.deps.ledger.window(userId)) !== 'closed';
  }

  async send(userId: string, notice: Notice): Promise<NoticeOutcome> {
    try {
      await this.deps.api().sendMessage(toTelegramId(userId), notice.text, notice.keyboard ? { reply_markup: notice.keyboard } : {});
      return 'sent';
    } catch (err) {
      const code = (err as { error_code?: number }).error_code;
      const refusal = code === undefined ? undefined : classifyZaloError(code);
      if (refusal === 'outside_window') return 'outside_window';
      if (refusal && UNREACHABLE.has(refusal)) return 'unreachable';
      throw err;
    }
  }

  async toOfficers(compose: (t: Translate) => string, about: Record<string, unknown>): Promise<number> {
    const officers = await this.deps.staff.list();
    if (!officers.length) this.deps.logger.warn(about, 'no officer in the staff directory to tell');
    let told = 0;
    for (const officer of officers) {
      const outcome = await this.send(officer.id, { text: compose(await this.translator(officer.id)) });
      if (outcome === 'sent') told += 1;
      else this.deps.logger.info({ ...about, officer: hashId(officer.id) }, 'officer not reachable under Zalo rules');
    }
    return told;
  }
}
