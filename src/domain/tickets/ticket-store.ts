/**
 * Tickets in Redis: a hash per ticket, a history list, a sorted set per status, and each
 * member's desk (the ticket their chat is relayed to). Every change of status goes through one
 * script, so two members pressing "take" at once cannot both win: the script sees the status
 * the first one left and tells the second who has it.
 */
import { LuaScript } from '../../store/lua-script';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import { formatTicketId, toTicket, TICKET_STATUSES, type Ticket, type TicketMessage, type TicketStatus } from './ticket';

/**
 * KEYS[1] ticket hash · KEYS[2..4] the open, taken and closed sets · KEYS[5] a member's desk ·
 * KEYS[6] the ticket's history.
 * ARGV[1] id · ARGV[2] statuses allowed now, as ",open,taken," · ARGV[3] the new status ·
 * ARGV[4] JSON object of fields to set · ARGV[5] JSON array of fields to delete · ARGV[6] the
 * citizen it must belong to ('' = anyone's) · ARGV[7] '1' to point the desk at the ticket ·
 * ARGV[8] a history entry to append ('' = none) · ARGV[9] the member who must hold it ('' = any).
 * Returns {'ok','',''}, or {why, takenBy, takenByName} where why is 'missing', 'not-yours',
 * 'not-taker' or the status that was not allowed.
 */
const TRANSITION = new LuaScript(
  'ticket-transition-6',
  `
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return {'missing', '', ''} end
local takenBy = redis.call('HGET', KEYS[1], 'takenBy') or ''
local takenByName = redis.call('HGET', KEYS[1], 'takenByName') or ''
if ARGV[6] ~= '' and redis.call('HGET', KEYS[1], 'citizenId') ~= ARGV[6] then return {'not-yours', '', ''} end
if not string.find(ARGV[2], ',' .. current .. ',', 1, true) then return {current, takenBy, takenByName} end
if ARGV[9] ~= '' and takenBy ~= ARGV[9] then return {'not-taker', takenBy, takenByName} end
local sets = {open = KEYS[2], taken = KEYS[3], closed = KEYS[4]}
local score = redis.call('ZSCORE', sets[current], ARGV[1]) or '0'
redis.call('ZREM', sets[current], ARGV[1])
redis.call('ZADD', sets[ARGV[3]], score, ARGV[1])
redis.call('HSET', KEYS[1], 'status', ARGV[3])
for field, value in pairs(cjson.decode(ARGV[4])) do redis.call('HSET', KEYS[1], field, value) end
local dels = cjson.decode(ARGV[5])
if #dels > 0 then redis.call('HDEL', KEYS[1], unpack(dels)) end
if ARGV[7] == '1' then redis.call('SET', KEYS[5], ARGV[1]) end
if ARGV[8] ~= '' then redis.call('RPUSH', KEYS[6], ARGV[8]) end
return {'ok', '', ''}
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
  /** Point this member's desk at the ticket. */
  deskOf?: string;
  note?: TicketMessage;
}

export type TransitionResult =
  | { ok: true }
  | { ok: false; why: 'missing' | 'not-yours' | 'not-taker' | TicketStatus; takenBy?: string; takenByName?: string };

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
  ) {}

  async create(input: NewTicket, now = new Date()): Promise<Ticket> {
    const id = formatTicketId(await this.redis.incr(this.keys.ticketSeq));
    const fields: Record<string, string> = {
      id,
      status: 'open',
      village: input.village,
      team: input.village,
      citizenId: input.citizenId,
      question: input.question,
      photos: JSON.stringify(input.photos),
      createdAt: now.toISOString(),
      round: '0',
      ...(input.citizenName ? { citizenName: input.citizenName } : {}),
    };
    const first: TicketMessage = { at: fields.createdAt!, from: 'citizen', ...(input.question ? { text: input.question } : {}), ...(input.photos.length ? { photos: input.photos } : {}) };
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
      this.keys.ticketDesk(request.deskOf ?? ''),
      this.keys.ticketHistory(id),
    ];
    const args = [
      id,
      `,${request.from.join(',')},`,
      request.to,
      JSON.stringify(request.set ?? {}),
      JSON.stringify(request.unset ?? []),
      request.citizenId ?? '',
      request.deskOf ? '1' : '',
      request.note ? JSON.stringify(request.note) : '',
      request.takerId ?? '',
    ];
    const [why, takenBy, takenByName] = (await TRANSITION.run(this.redis, keys, args)) as [string, string, string];
    if (why === 'ok') return { ok: true };
    return { ok: false, why: why as 'missing', ...(takenBy ? { takenBy } : {}), ...(takenByName ? { takenByName } : {}) };
  }

  /** Appends a message; the team's first one is the first answer. Returns the entry's index. */
  async append(id: string, message: TicketMessage): Promise<number> {
    const multi = this.redis.multi().rPush(this.keys.ticketHistory(id), JSON.stringify(message));
    if (message.from === 'team') multi.hSetNX(this.keys.ticket(id), 'firstAnswerAt', message.at).hSet(this.keys.ticket(id), 'lastAnswerAt', message.at);
    const [length] = (await multi.exec()) as unknown as [number];
    return length - 1;
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

  /** The ticket this member's chat goes to: only while they still hold it. */
  async deskOf(memberId: string): Promise<Ticket | undefined> {
    const id = await this.redis.get(this.keys.ticketDesk(memberId));
    const ticket = id ? await this.get(id) : undefined;
    return ticket?.status === 'taken' && ticket.takenBy === memberId ? ticket : undefined;
  }

  async setDesk(memberId: string, id: string): Promise<void> {
    await this.redis.set(this.keys.ticketDesk(memberId), id);
  }

  /** The citizen's latest ticket, whatever its status. */
  async latestOf(citizenId: string): Promise<Ticket | undefined> {
    const id = await this.redis.get(this.keys.citizenTicket(citizenId));
    return id ? this.get(id) : undefined;
  }

  async setCitizenTicket(citizenId: string, id: string): Promise<void> {
    await this.redis.set(this.keys.citizenTicket(citizenId), id);
  }

  /** Newest first. */
  async list(status: TicketStatus, limit: number): Promise<Ticket[]> {
    const ids = await this.redis.zRange(this.keys.ticketsInStatus(status), 0, limit - 1, { REV: true });
    return this.many(ids);
  }

  /** Tickets created in [from, to). */
  async createdBetween(from: number, to: number): Promise<Ticket[]> {
    const ids = await this.redis.zRangeByScore(this.keys.ticketsAll, from, `(${to}`);
    return this.many(ids);
  }

  private async many(ids: string[]): Promise<Ticket[]> {
    const found = await Promise.all(ids.map((id) => this.get(id)));
    return found.filter((t): t is Ticket => t !== undefined);
  }
}
