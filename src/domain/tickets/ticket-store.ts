/**
 * Tickets in Redis: a hash per ticket, a history list, a sorted set per status, and each
 * member's hold (the id of the ticket their chat is relayed to, under `keys.ticketDesk`). Every
 * change of status goes through one script, so two members pressing "take" at once cannot both
 * win: the script sees the status the first one left and tells the second who has it; and a
 * member already holding a ticket cannot take a second one, so their chat never goes to the wrong
 * citizen. A hold the member let go of keeps the ticket's id marked `~` (a retried "xong" still
 * finds what it closed).
 *
 * Jobs and retried inbound events record what they already did in the ticket's hash as `f-…`
 * fields (an offer to one member, a message relayed, a notice sent), so a retry does it once.
 */
import { LuaScript } from '../../store/lua-script';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import {
  formatTicketId,
  toTicket,
  TICKET_STATUSES,
  type RatedTicket,
  type RatingLevel,
  type Ticket,
  type TicketMessage,
  type TicketStatus,
} from './ticket';

/** A hold the member let go of: `~<id>`. */
const RELEASED = '~';

/**
 * KEYS[1] ticket hash · KEYS[2..4] the open, taken and closed sets · KEYS[5] a member's hold ·
 * KEYS[6] the ticket's history.
 * ARGV[1] id · ARGV[2] statuses allowed now, as ",open,taken," · ARGV[3] the new status ·
 * ARGV[4] JSON object of fields to set · ARGV[5] JSON array of fields to delete · ARGV[6] the
 * citizen it must belong to ('' = anyone's) · ARGV[7] 'take' to point the hold at the ticket
 * (refused while it holds another ticket), 'release' to let it go ('' = leave it) ·
 * ARGV[8] a history entry to append ('' = none) · ARGV[9] the member who must hold it ('' = any) ·
 * ARGV[10] how long a closed ticket is kept, in ms ('' = for ever; reopening keeps it again).
 * Returns {'ok','','', the ticket hash's fields and values as they are now}, or {why, takenBy,
 * takenByName} where why is 'missing', 'not-yours', 'not-taker' or the status that was not
 * allowed, or {'busy', the ticket held, ''}.
 */
const TRANSITION = new LuaScript(
  'ticket-transition-9',
  `
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return {'missing', '', ''} end
local takenBy = redis.call('HGET', KEYS[1], 'takenBy') or ''
local takenByName = redis.call('HGET', KEYS[1], 'takenByName') or ''
if ARGV[6] ~= '' and redis.call('HGET', KEYS[1], 'citizenId') ~= ARGV[6] then return {'not-yours', '', ''} end
if not string.find(ARGV[2], ',' .. current .. ',', 1, true) then return {current, takenBy, takenByName} end
if ARGV[9] ~= '' and takenBy ~= ARGV[9] then return {'not-taker', takenBy, takenByName} end
local hold = redis.call('GET', KEYS[5])
if ARGV[7] == 'take' and hold and hold ~= ARGV[1] and string.sub(hold, 1, 1) ~= '${RELEASED}' then return {'busy', hold, ''} end
local sets = {open = KEYS[2], taken = KEYS[3], closed = KEYS[4]}
local score = redis.call('ZSCORE', sets[current], ARGV[1]) or '0'
redis.call('ZREM', sets[current], ARGV[1])
redis.call('ZADD', sets[ARGV[3]], score, ARGV[1])
redis.call('HSET', KEYS[1], 'status', ARGV[3])
for field, value in pairs(cjson.decode(ARGV[4])) do redis.call('HSET', KEYS[1], field, value) end
local dels = cjson.decode(ARGV[5])
if #dels > 0 then redis.call('HDEL', KEYS[1], unpack(dels)) end
if ARGV[7] == 'take' then redis.call('SET', KEYS[5], ARGV[1]) end
if ARGV[7] == 'release' and hold == ARGV[1] then redis.call('SET', KEYS[5], '${RELEASED}' .. ARGV[1]) end
if ARGV[8] ~= '' then redis.call('RPUSH', KEYS[6], ARGV[8]) end
if ARGV[10] ~= '' and ARGV[3] == 'closed' then
  redis.call('PEXPIRE', KEYS[1], ARGV[10])
  redis.call('PEXPIRE', KEYS[6], ARGV[10])
elseif ARGV[3] ~= 'closed' then
  redis.call('PERSIST', KEYS[1])
  redis.call('PERSIST', KEYS[6])
end
return {'ok', '', '', unpack(redis.call('HGETALL', KEYS[1]))}
`,
);

/**
 * Appends a history entry once per key. KEYS[1] ticket hash · KEYS[2] history · ARGV[1] the
 * guard field ('' = always append) · ARGV[2] the entry. Returns the entry's index.
 */
const APPEND_ONCE = new LuaScript(
  'ticket-append-once-1',
  `
if ARGV[1] ~= '' then
  local seen = redis.call('HGET', KEYS[1], ARGV[1])
  if seen then return tonumber(seen) end
end
local index = redis.call('RPUSH', KEYS[2], ARGV[2]) - 1
if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], ARGV[1], index) end
return index
`,
);

export interface TransitionRequest {
  from: TicketStatus[];
  to: TicketStatus;
  set?: Record<string, string>;
  unset?: string[];
  /** Only the citizen who asked may do it. */
  citizenId?: string;
  /** Only the member holding it may do it. */
  takerId?: string;
  /** This member's hold: pointed at the ticket (`take`), or let go of (`release`). */
  hold?: { memberId: string; action: 'take' | 'release' };
  note?: TicketMessage;
}

export type TransitionResult =
  /** The ticket as the change left it. */
  | { ok: true; ticket: Ticket }
  | { ok: false; why: 'missing' | 'not-yours' | 'not-taker' | TicketStatus; takenBy?: string; takenByName?: string }
  /** The member already holds `holding`. */
  | { ok: false; why: 'busy'; holding: string };

export interface NewTicket {
  citizenId: string;
  citizenName?: string;
  village: string;
  question: string;
  photos: string[];
}

export class TicketStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** How long a closed ticket and its history are kept (TICKET_RETENTION_DAYS); undefined = for ever. */
    private readonly retentionMs?: number,
  ) {}

  async create(input: NewTicket, now = new Date()): Promise<Ticket> {
    const id = formatTicketId(await this.redis.incr(this.keys.ticketSeq));
    const createdAt = now.toISOString();
    const fields: Record<string, string> = {
      id,
      status: 'open',
      village: input.village,
      team: input.village,
      citizenId: input.citizenId,
      question: input.question,
      photos: JSON.stringify(input.photos),
      createdAt,
      round: '0',
      ...(input.citizenName ? { citizenName: input.citizenName } : {}),
    };
    const first: TicketMessage = {
      at: createdAt,
      from: 'citizen',
      ...(input.question ? { text: input.question } : {}),
      ...(input.photos.length ? { photos: input.photos } : {}),
    };
    await this.redis
      .multi()
      .hSet(this.keys.ticket(id), fields)
      .rPush(this.keys.ticketHistory(id), JSON.stringify(first))
      .zAdd(this.keys.ticketsAll, { score: now.getTime(), value: id })
      .zAdd(this.keys.ticketsInStatus('open'), { score: now.getTime(), value: id })
      .set(this.keys.citizenTicket(input.citizenId), id)
      .exec();
    return toTicket(fields)!;
  }

  async get(id: string): Promise<Ticket | undefined> {
    return toTicket(await this.redis.hGetAll(this.keys.ticket(id)));
  }

  async transition(id: string, request: TransitionRequest): Promise<TransitionResult> {
    const keys = [
      this.keys.ticket(id),
      ...TICKET_STATUSES.map((s) => this.keys.ticketsInStatus(s)),
      this.keys.ticketDesk(request.hold?.memberId ?? ''),
      this.keys.ticketHistory(id),
    ];
    const args = [
      id,
      `,${request.from.join(',')},`,
      request.to,
      JSON.stringify(request.set ?? {}),
      JSON.stringify(request.unset ?? []),
      request.citizenId ?? '',
      request.hold?.action ?? '',
      request.note ? JSON.stringify(request.note) : '',
      request.takerId ?? '',
      this.retentionMs ? String(this.retentionMs) : '',
    ];
    const [why = '', takenBy = '', takenByName = '', ...fields] = (await TRANSITION.run(this.redis, keys, args)) as string[];
    if (why === 'ok') return { ok: true, ticket: ticketOfFields(id, fields) };
    if (why === 'busy') return { ok: false, why, holding: takenBy };
    return { ok: false, why: why as 'missing', ...(takenBy ? { takenBy } : {}), ...(takenByName ? { takenByName } : {}) };
  }

  /**
   * Appends a history entry; with `once`, a second append under the same key (a retried event)
   * appends nothing and gives the first one's index.
   */
  async append(id: string, message: TicketMessage, once?: string): Promise<number> {
    const keys = [this.keys.ticket(id), this.keys.ticketHistory(id)];
    return Number(await APPEND_ONCE.run(this.redis, keys, [once ? `f-${once}` : '', JSON.stringify(message)]));
  }

  /** The team's message reached the citizen: the first one is the first answer. */
  async answered(id: string, at: string): Promise<void> {
    await this.redis.multi().hSetNX(this.keys.ticket(id), 'firstAnswerAt', at).hSet(this.keys.ticket(id), 'lastAnswerAt', at).exec();
  }

  /** What a job or an event recorded it did (`f-<name>`), if it did. */
  async flag(id: string, name: string): Promise<string | undefined> {
    return (await this.redis.hGet(this.keys.ticket(id), `f-${name}`)) ?? undefined;
  }

  async setFlag(id: string, name: string, value: string): Promise<void> {
    await this.redis.hSet(this.keys.ticket(id), `f-${name}`, value);
  }

  async history(id: string): Promise<TicketMessage[]> {
    return (await this.redis.lRange(this.keys.ticketHistory(id), 0, -1)).map((e) => JSON.parse(e) as TicketMessage);
  }

  async entry(id: string, index: number): Promise<TicketMessage | undefined> {
    const raw = await this.redis.lIndex(this.keys.ticketHistory(id), index);
    return raw ? (JSON.parse(raw) as TicketMessage) : undefined;
  }

  async update(id: string, fields: Record<string, string>): Promise<void> {
    await this.redis.hSet(this.keys.ticket(id), fields);
  }

  /** The citizen's rating (a second one replaces the first), listed by its time for the satisfaction report. */
  async rate(id: string, level: RatingLevel, at: Date): Promise<void> {
    await this.redis
      .multi()
      .hSet(this.keys.ticket(id), { rating: level, ratedAt: at.toISOString() })
      .zAdd(this.keys.ticketRatings, { score: at.getTime(), value: id })
      .exec();
  }

  /** Reopened: the rating is gone from the ticket (the transition cleared it) and from the report. */
  async unrate(id: string): Promise<void> {
    await this.redis.zRem(this.keys.ticketRatings, id);
  }

  /** Tickets rated in [from, to] (both included) that still hold their rating (a reopened one does not). */
  async ratedBetween(from: Date, to: Date): Promise<RatedTicket[]> {
    const ids = await this.redis.zRangeByScore(this.keys.ticketRatings, from.getTime(), to.getTime());
    return (await this.many(ids)).filter((t): t is RatedTicket => t.rating !== undefined && t.ratedAt !== undefined);
  }

  /** The ticket this member's chat goes to: only while they still hold it. */
  async heldBy(memberId: string): Promise<Ticket | undefined> {
    const id = await this.redis.get(this.keys.ticketDesk(memberId));
    const ticket = id && !id.startsWith(RELEASED) ? await this.get(id) : undefined;
    return ticket?.status === 'taken' && ticket.takenBy === memberId ? ticket : undefined;
  }

  /** The ticket the member held last, whatever became of it. */
  async lastHeldBy(memberId: string): Promise<Ticket | undefined> {
    const id = await this.redis.get(this.keys.ticketDesk(memberId));
    return id ? this.get(id.replace(RELEASED, '')) : undefined;
  }

  /** Marks a hold on a ticket the member no longer holds (left so by an older version) as let go. */
  async releaseStaleHold(memberId: string): Promise<void> {
    const id = await this.redis.get(this.keys.ticketDesk(memberId));
    if (id && !id.startsWith(RELEASED) && !(await this.heldBy(memberId)))
      await this.redis.set(this.keys.ticketDesk(memberId), `${RELEASED}${id}`);
  }

  /** The citizen's latest ticket, whatever its status. */
  async latestOf(citizenId: string): Promise<Ticket | undefined> {
    const id = await this.redis.get(this.keys.citizenTicket(citizenId));
    return id ? this.get(id) : undefined;
  }

  /** The citizen's open or taken ticket, if any. */
  async activeOf(citizenId: string): Promise<Ticket | undefined> {
    const ticket = await this.latestOf(citizenId);
    return ticket && ticket.status !== 'closed' ? ticket : undefined;
  }

  async setCitizenTicket(citizenId: string, id: string): Promise<void> {
    await this.redis.set(this.keys.citizenTicket(citizenId), id);
  }

  /** Newest first, up to `limit` of those `keep` accepts (read page by page, so a filter never starves the list). */
  async list(status: TicketStatus, limit: number, keep: (t: Ticket) => boolean = () => true): Promise<Ticket[]> {
    const page = Math.max(limit, 100);
    const found: Ticket[] = [];
    for (let start = 0; found.length < limit; start += page) {
      const ids = await this.redis.zRange(this.keys.ticketsInStatus(status), start, start + page - 1, { REV: true });
      found.push(...(await this.many(ids)).filter(keep));
      if (ids.length < page) break;
    }
    return found.slice(0, limit);
  }

  /** Tickets created in [from, to). */
  async createdBetween(from: number, to: number): Promise<Ticket[]> {
    const ids = await this.redis.zRangeByScore(this.keys.ticketsAll, from, `(${to}`);
    return this.many(ids);
  }

  /** The tickets still kept; ids of expired ones are trimmed from the indexes as they are met. */
  private async many(ids: string[]): Promise<Ticket[]> {
    const found = await Promise.all(ids.map((id) => this.get(id)));
    const expired = ids.filter((_, i) => !found[i]);
    if (expired.length) {
      const multi = this.redis.multi().zRem(this.keys.ticketsAll, expired).zRem(this.keys.ticketRatings, expired);
      for (const status of TICKET_STATUSES) multi.zRem(this.keys.ticketsInStatus(status), expired);
      await multi.exec();
    }
    return found.filter((t): t is Ticket => t !== undefined);
  }
}

/** The ticket of a transition's HGETALL reply (field, value, field, value…). */
function ticketOfFields(id: string, flat: string[]): Ticket {
  const fields: Record<string, string> = {};
  for (let i = 1; i < flat.length; i += 2) fields[flat[i - 1] ?? ''] = flat[i] ?? '';
  const ticket = toTicket(fields);
  if (!ticket) throw new Error(`ticket ${id} has no fields after its transition`);
  return ticket;
}
