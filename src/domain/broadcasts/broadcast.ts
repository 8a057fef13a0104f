/**
 * A broadcast: an officer's announcement to an audience of followers (docs/contract.md), what the API
 * and the in-chat composer may ask for, and the record the engine keeps while sending it.
 * Audience: followers in any of `villages` (when given) AND interested in any of `topics` (when
 * given), PLUS every id in `userIds`; `all` = every follower; followers who stopped announcements
 * are never included (and the delivery skips whoever no longer follows).
 */
import { z } from 'zod';
import type { CommuneProfile } from '../commune/commune-profile';
import { topicIdsSchema, villageNamesSchema } from '../commune/name-schemas';
import { zaloUserIdSchema } from '../followers/follower';
import { cronProblem } from './repeat-cron';

export const TEXT_MAX = 2000;
const LINK_TITLE_MAX = 20;
/** A recurring broadcast runs at most hourly: announcements, not a chat. */
const REPEAT_MIN_MINUTES = 60;
/** `sendAt` may lie this far in the past (clock skew, a slow form) and still mean "now". */
const SEND_AT_GRACE_MS = 60_000;

const SEGMENTS_MAX = 100;
/** Vietnam keeps +07:00 all year (no daylight saving time). */
const VIETNAM_OFFSET = '+07:00';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/**
 * An ISO date-time, with its offset or without one — then it is Vietnam's time, as an officer in
 * the commune types it ("2026-12-01T07:30" is 07:30 in Asia/Ho_Chi_Minh) — normalised to UTC
 * (`2026-12-01T00:30:00.000Z`) like every other time the API returns.
 */
const isoTime = z.iso
  .datetime({
    offset: true,
    local: true,
    error: 'must be an ISO date-time, e.g. 2026-12-01T07:30 (Vietnam time) or 2026-12-01T07:30:00+07:00',
  })
  .transform((t) => new Date(/(Z|[+-]\d{2}:\d{2})$/i.test(t) ? t : `${t}${VIETNAM_OFFSET}`).toISOString());

/**
 * Who a broadcast goes to. Villages and topics are matched against the commune profile here,
 * so unknown ones are reported with every other bad field; the output spells them as the profile does.
 */
export function audienceSchema(commune: CommuneProfile) {
  return z
    .object({
      all: z.literal(true).optional(),
      villages: villageNamesSchema(commune, SEGMENTS_MAX).optional(),
      topics: topicIdsSchema(commune, SEGMENTS_MAX).optional(),
      userIds: z.array(zaloUserIdSchema).max(10_000).optional(),
    })
    .strict()
    .refine((a) => a.all || a.villages?.length || a.topics?.length || a.userIds?.length, 'give all, villages, topics or userIds');
}

export type Audience = z.output<ReturnType<typeof audienceSchema>>;

/** A cron pattern BullMQ can schedule, running at most hourly in Vietnam's time. */
const hourlyCron = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern, REPEAT_MIN_MINUTES);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const repeatSchema = z
  .object({
    every: z.number().int().min(REPEAT_MIN_MINUTES, `must be at least ${REPEAT_MIN_MINUTES} (minutes)`).optional(),
    cron: hourlyCron.optional(),
    until: isoTime.optional(),
  })
  .strict()
  .refine((r) => (r.every === undefined) !== (r.cron === undefined), 'give either every (minutes) or cron');

export type Repeat = z.infer<typeof repeatSchema>;

const textSchema = z
  .string()
  .transform((t) => t.normalize('NFC').trim())
  .pipe(z.string().min(1, 'is required').max(TEXT_MAX, `at most ${TEXT_MAX} characters`));

/** The create body; `now` decides whether `sendAt` lies in the past. */
export function broadcastInputSchema(commune: CommuneProfile, now: () => number = Date.now) {
  return z
    .object({
      text: textSchema,
      audience: audienceSchema(commune),
      sendAt: isoTime.optional(),
      imageUrl: httpUrl.optional(),
      link: z
        .object({
          title: z.string().trim().min(1, 'is required').max(LINK_TITLE_MAX, `at most ${LINK_TITLE_MAX} characters (Zalo's button title)`),
          url: httpUrl,
        })
        .strict()
        .optional(),
      repeat: repeatSchema.optional(),
    })
    .strict()
    .superRefine((b, ctx) => {
      if (b.sendAt && Date.parse(b.sendAt) < now() - SEND_AT_GRACE_MS)
        ctx.addIssue({ code: 'custom', path: ['sendAt'], message: 'is in the past' });
      if (b.imageUrl && b.link && textWithLink(b.text, b.link).length > TEXT_MAX) {
        ctx.addIssue({
          code: 'custom',
          path: ['text'],
          message: `with an image and a link, the text and the link together must fit ${TEXT_MAX} characters`,
        });
      }
      const until = b.repeat?.until;
      if (until && Date.parse(until) <= Math.max(now(), b.sendAt ? Date.parse(b.sendAt) : 0)) {
        ctx.addIssue({ code: 'custom', path: ['repeat', 'until'], message: 'must be after the first run' });
      }
    });
}

/**
 * Zalo carries an image or buttons in one message, not both: with an image the link goes into the
 * message's text, so the announcement stays one call (one slot of the rate limit).
 */
export function textWithLink(text: string, link: { title: string; url: string }): string {
  return `${text}\n\n${link.title}: ${link.url}`;
}

export interface Actor {
  kind: 'token' | 'zalo';
  id: string;
  name: string;
}

export const BROADCAST_STATUSES = ['scheduled', 'sending', 'done', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** What became of one recipient. `cancelled`: the broadcast was cancelled before their turn. */
export const OUTCOMES = ['sent', 'failed', 'skipped', 'cancelled'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type BroadcastCounts = { planned: number } & Record<Outcome, number>;

/** What the officer asked for; fixed at creation (villages and topics as the profile spells them). */
export interface BroadcastContent {
  id: string;
  text: string;
  audience: Audience;
  sendAt?: string;
  imageUrl?: string;
  link?: { title: string; url: string };
  repeat?: Repeat;
  /** An occurrence of a recurring broadcast names its parent. */
  parentId?: string;
  createdAt: string;
  createdBy: Actor;
}

export interface Broadcast extends BroadcastContent {
  status: BroadcastStatus;
  counts: BroadcastCounts;
  /** Why recipients were skipped: `outside_window`, `no_template`, `unfollowed`, `stopped`, `zalo_<code>` … */
  skipReasons: Record<string, number>;
  startedAt?: string;
  finishedAt?: string;
  cancelledAt?: string;
  /** The latest occurrence of a recurring broadcast. */
  latestOccurrence?: string;
}

/** A recurring broadcast is a parent that plans one occurrence per run; each has its own counts. */
export function isRecurring(b: BroadcastContent): boolean {
  return b.repeat !== undefined && b.parentId === undefined;
}

/**
 * The status a broadcast starts with: `scheduled` is for a later send (a `sendAt` still ahead) and
 * for a recurring broadcast's schedule; a one-off due now (no `sendAt`, or one already reached —
 * within the grace) and a recurring broadcast's occurrence are `sending` from the start. Either
 * way the plan has still to run: `planned` is unset until it has (BroadcastStore.claimPlan).
 */
export function initialStatus(b: BroadcastContent, now: number): 'scheduled' | 'sending' {
  return !isRecurring(b) && (!b.sendAt || Date.parse(b.sendAt) <= now) ? 'sending' : 'scheduled';
}

export function isFinal(status: BroadcastStatus): boolean {
  return status === 'done' || status === 'cancelled';
}
