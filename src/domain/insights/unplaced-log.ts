/**
 * The learning loop (issue 9): every message the bot could not place with confidence is kept — the
 * user as a salted hash, the text, when, what the bot offered, and what the person did next — so
 * officers can see which questions go unanswered, grouped by their folded text with counts, and fix
 * a group by adding an example to data/intents.json or a word to the search vocabulary.
 * Records live in a sorted set by time plus a hash of records (one hash slot), for 90 days.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashId } from '../../logger';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import { foldPhrase } from '../text/fold';

const KEEP_MS = 90 * 86_400_000;
/** The longest text kept: enough to recognise the question, no more personal data than that. */
const TEXT_KEPT = 300;
/** Groups are computed over at most this many records of a period. */
const SCAN_LIMIT = 50_000;

const recordSchema = z.object({
  id: z.string(),
  user: z.string(),
  text: z.string(),
  at: z.number(),
  /** What the bot did with it: "clarify:<intents>", "nothing-fits", … */
  offered: z.string(),
  /** What the person did next: the intent of their next message or the button they pressed. */
  next: z.string().optional(),
});

export type UnplacedRecord = z.infer<typeof recordSchema>;

export interface UnplacedGroup {
  /** The folded text shared by the group. */
  text: string;
  count: number;
  /** One way it was actually typed (the latest). */
  example: string;
  users: number;
  lastAt: number;
  offered: Record<string, number>;
  next: Record<string, number>;
}

/**
 * Long digit runs (a phone or ID number typed into a question) are not needed to fix a group: they
 * are masked before anything is kept ("0905 123 456" → "••••").
 */
function masked(text: string): string {
  return text.replace(/\+?\d[\d .-]{4,}\d/g, (run) => (run.replace(/\D/g, '').length >= 6 ? '••••' : run));
}

export class UnplacedLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Records a message; returns its id, to attach what the person does next. */
  async record(userId: string, text: string, offered: string, at = Date.now()): Promise<string> {
    const record: UnplacedRecord = { id: randomUUID(), user: hashId(userId), text: masked(text.slice(0, TEXT_KEPT)), at, offered };
    const old = await this.redis.zRangeByScore(this.keys.unplaced, 0, at - KEEP_MS, { LIMIT: { offset: 0, count: 500 } });
    const multi = this.redis
      .multi()
      .zAdd(this.keys.unplaced, { score: at, value: record.id })
      .hSet(this.keys.unplacedData, record.id, JSON.stringify(record));
    if (old.length) multi.zRem(this.keys.unplaced, old).hDel(this.keys.unplacedData, old);
    await multi.exec();
    return record.id;
  }

  async recordNext(id: string, next: string): Promise<void> {
    const raw = await this.redis.hGet(this.keys.unplacedData, id);
    const parsed = raw ? recordSchema.safeParse(JSON.parse(raw)) : undefined;
    if (!parsed?.success || parsed.data.next) return;
    await this.redis.hSet(this.keys.unplacedData, id, JSON.stringify({ ...parsed.data, next: next.slice(0, 80) }));
  }

  /** How many were kept in [from, to]: counted by Redis, no record read. */
  count(from: number, to: number): Promise<number> {
    return this.redis.zCount(this.keys.unplaced, from, to);
  }

  async list(from: number, to: number): Promise<UnplacedRecord[]> {
    const ids = await this.redis.zRangeByScore(this.keys.unplaced, from, to, { LIMIT: { offset: 0, count: SCAN_LIMIT } });
    if (!ids.length) return [];
    const raws = await this.redis.hmGet(this.keys.unplacedData, ids);
    return raws.flatMap((raw) => {
      const parsed = raw ? recordSchema.safeParse(JSON.parse(raw)) : undefined;
      return parsed?.success ? [parsed.data] : [];
    });
  }

  /** The period's records grouped by folded text, the largest groups first. */
  async groups(from: number, to: number, limit = 50): Promise<UnplacedGroup[]> {
    const groups = new Map<string, UnplacedGroup & { userSet: Set<string> }>();
    for (const r of await this.list(from, to)) {
      const key = foldPhrase(r.text) || r.text.trim();
      const g = groups.get(key) ?? {
        text: key,
        count: 0,
        example: r.text,
        users: 0,
        lastAt: 0,
        offered: {},
        next: {},
        userSet: new Set<string>(),
      };
      g.count += 1;
      g.userSet.add(r.user);
      if (r.at >= g.lastAt) {
        g.lastAt = r.at;
        g.example = r.text;
      }
      g.offered[r.offered] = (g.offered[r.offered] ?? 0) + 1;
      if (r.next) g.next[r.next] = (g.next[r.next] ?? 0) + 1;
      groups.set(key, g);
    }
    return [...groups.values()]
      .map(({ userSet, ...g }) => ({ ...g, users: userSet.size }))
      .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
      .slice(0, limit);
  }
}
