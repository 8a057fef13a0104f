/**
 * Messages to every officer and admin in the staff directory (their Zalo ids), each in their own
 * language, through the bot's API like every other message. Zalo lets the OA reach someone only
 * within 7 days of their last interaction: an officer it refuses (-230, -213 …) is skipped and
 * the others are still told; any other failure is thrown so the caller's job retries.
 */
import type { Api } from 'grammy';
import type { Logger } from '../logger';
import { hashId } from '../logger';
import type { I18n, Translate } from '../i18n';
import { classifyZaloError } from '../edge/zalo/errors';
import type { UserProfiles } from '../domain/user-profiles';
import type { StaffDirectory } from '../domain/access/staff-directory';
import { toTelegramId } from './ids';
import { userTranslator } from './user-language';

export interface OfficerAlertsDeps {
  /** The bot's API, read when sending: the bot is built after the flows that raise alerts. */
  api: () => Api;
  staff: Pick<StaffDirectory, 'list'>;
  profiles: Pick<UserProfiles, 'locale'>;
  i18n: I18n;
  logger: Logger;
}

/** Zalo refusals that mean "this person cannot be reached now". */
const NOT_REACHED = new Set(['outside_window', 'unreachable', 'user_quota']);

/** true when sent, false when Zalo's rules leave the user unreachable now; other failures throw. */
export async function sendUnlessUnreachable(api: Api, userId: string, text: string, options: Parameters<Api['sendMessage']>[2] = {}): Promise<boolean> {
  try {
    await api.sendMessage(toTelegramId(userId), text, options);
    return true;
  } catch (err) {
    const code = (err as { error_code?: number }).error_code;
    const refusal = code === undefined ? undefined : classifyZaloError(code);
    if (!refusal || !NOT_REACHED.has(refusal)) throw err;
    return false;
  }
}

export class OfficerAlerts {
  constructor(private readonly deps: OfficerAlertsDeps) {}

  /** Sends `textFor(officer's translator)` to every officer; resolves to how many were reached. */
  async tell(textFor: (t: Translate) => string, about: Record<string, unknown>): Promise<number> {
    const officers = await this.deps.staff.list();
    if (!officers.length) this.deps.logger.warn(about, 'no officer in the staff directory to tell');
    let told = 0;
    for (const officer of officers) {
      const t = await userTranslator(this.deps, officer.id);
      if (await sendUnlessUnreachable(this.deps.api(), officer.id, textFor(t))) told += 1;
      else this.deps.logger.info({ ...about, officer: hashId(officer.id) }, 'officer not reachable under Zalo rules');
    }
    return told;
  }
}
