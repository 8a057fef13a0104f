/**
 * A broadcast: an officer's announcement to an audience of followers (CONTRACT.md), what the API
 * and the in-chat composer may ask for, and the record the engine keeps while sending it.
 * Audience: followers in any of `villages` (when given) AND interested in any of `topics` (when
 * given), PLUS every id in `userIds`; `all` = every follower; followers who stopped announcements
 * are never included (and the delivery skips whoever no longer follows).
 */
import { z } from 'zod';
import { zaloUserIdSchema } from '../followers/follower';
import { cronProblem } from './repeat-cron';

export const TEXT_MAX = 2000;
const LINK_TITLE_MAX = 20;
/** A recurring broadcast runs at most hourly: announcements, not a chat. */
const REPEAT_MIN_MINUTES = 60;
/** `sendAt` may lie this far in the past (clock skew, a slow form) and still mean "now". */
const SEND_AT_GRACE_MS = 60_000;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const isoWithOffset = z.iso.datetime({ offset: true, error: 'must be an ISO time with its offset, e.g. 2026-12-01T07:30:00+07:00' });

export const audienceSchema = z
  .object({
    all: z.literal(true).optional(),
    villages: z.array(z.string().trim().min(1)).max(100).optional(),
    topics: z.array(z.string().trim().min(1)).max(100).optional(),
    userIds: z.array(zaloUserIdSchema).max(10_000).optional(),
  })
  .strict()
  .refine((a) => a.all || a.villages?.length || a.topics?.length || a.userIds?.length, 'give all, villages, topics or userIds');

export type Audience = z.infer<typeof audienceSchema>;

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
    until: isoWithOffset.optional(),
  })
  .strict()
  .refine((r) => (r.every === undefined) !== (r.cron === undefined), 'give either every (minutes) or cron');

export type Repeat = z.infer<typeof repeatSchema>;

const textSchema = z
  .string()
  .transform((t) => t.normalize('NFC').trim())
  .pipe(z.string().min(1, 'is required').max(TEXT_MAX, `at most ${TEXT_MAX} characters`));

/** The create body; `now` decides whether `sendAt` lies in the past. */
export function broadcastInputSchema(now: () => number = Date.now) {
  return z
    .object({
      text: textSchema,
      audience: audienceSchema,
      sendAt: isoWithOffset.optional(),
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
    .superRefine((b, ctx) => {
      if (b.sendAt && Date.parse(b.sendAt) < now() - SEND_AT_GRACE_MS) ctx.addIssue({ code: 'custom', path: ['sendAt'], message: 'is in the past' });
      if (b.imageUrl && b.link && textWithLink(b.text, b.link).length > TEXT_MAX) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: `with an image and a link, the text and the link together must fit ${TEXT_MAX} characters` });
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

export type BroadcastInput = z.input<ReturnType<typeof broadcastInputSchema>>;

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

export function isFinal(status: BroadcastStatus): boolean {
  return status === 'done' || status === 'cancelled';
}
