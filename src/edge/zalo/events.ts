/**
 * Schemas of the webhook events in docs/zalo-platform.md §1. Ids and timestamps are strings (user ids
 * exceed 2^53) and stay strings: a schema that sees a number where an id belongs rejects it
 * rather than round it. Unknown fields pass through untouched; unknown event names are not an
 * error (Zalo adds kinds) but are reported as such so the edge can log them and answer 200.
 */
import { z } from 'zod';
import { MAX_EVENT_DEPTH, nestsDeeperThan } from './nesting';

const id = z.string().regex(/^\d{1,30}$/, 'must be a string of digits');
const epochMs = z.string().regex(/^\d{10,16}$/, 'must be epoch milliseconds as a string');
const party = z.object({ id }).passthrough();

const attachment = z
  .object({
    type: z.string(),
    payload: z
      .object({
        url: z.string().optional(),
        thumbnail: z.string().optional(),
        name: z.string().optional(),
        size: z.string().optional(),
        type: z.string().optional(),
        id: z.string().optional(),
        description: z.string().optional(),
        coordinates: z.object({ latitude: z.coerce.string(), longitude: z.coerce.string() }).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const message = z
  .object({
    msg_id: z.string().min(1),
    text: z.string().optional(),
    attachments: z.array(attachment).optional(),
    quote_msg_id: z.string().optional(),
  })
  .passthrough();

const base = { app_id: id, timestamp: epochMs, user_id_by_app: z.string().optional() };

/** A user wrote to the OA: sender = user, recipient = OA. */
const userMessageEvent = z.object({ ...base, sender: party, recipient: party, message }).passthrough();
/** An echo of what the OA sent (by the bot or by a human in OA Manager): sender = OA, recipient = user. */
const oaMessageEvent = userMessageEvent;
const followEvent = z.object({ ...base, oa_id: id, follower: party, source: z.string().optional() }).passthrough();
const chatNowEvent = z.object({ ...base, oa_id: id, user_id: id }).passthrough();
const submitInfoEvent = z.object({ ...base, sender: party, recipient: party, info: z.record(z.string(), z.unknown()) }).passthrough();
/** Receipts: sender = OA, recipient = user. */
const receiptEvent = z
  .object({
    ...base,
    sender: party,
    recipient: party,
    message: z.object({ msg_ids: z.array(z.string()).optional(), msg_id: z.string().optional() }).passthrough(),
  })
  .passthrough();
const reactionEvent = z
  .object({
    ...base,
    sender: party,
    recipient: party,
    message: z.object({ msg_id: z.string(), react_icon: z.string().optional() }).passthrough(),
  })
  .passthrough();
/** Tag events are documented loosely (likely): the user may sit in `user_id`, `follower` or `tag.user_ids`. */
const tagEvent = z
  .object({
    ...base,
    oa_id: id.optional(),
    user_id: id.optional(),
    follower: party.optional(),
    tag: z
      .object({ user_ids: z.array(id).optional(), name: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const USER_MESSAGE_KINDS = [
  'user_send_text',
  'user_send_image',
  'user_send_link',
  'user_send_audio',
  'user_send_video',
  'user_send_sticker',
  'user_send_gif',
  'user_send_location',
  'user_send_file',
  'user_send_business_card',
] as const;

const OA_ECHO_KINDS = [
  'oa_send_text',
  'oa_send_image',
  'oa_send_gif',
  'oa_send_list',
  'oa_send_file',
  'oa_send_sticker',
  'oa_send_template',
] as const;

const RECEIPT_KINDS = ['user_received_message', 'user_seen_message'] as const;
const TAG_KINDS = ['add_user_to_tag', 'remove_user_from_tag'] as const;

type Schema = z.ZodType<Record<string, unknown>>;
const SCHEMAS: Record<string, Schema> = {
  ...Object.fromEntries(USER_MESSAGE_KINDS.map((k) => [k, userMessageEvent])),
  ...Object.fromEntries(OA_ECHO_KINDS.map((k) => [k, oaMessageEvent])),
  ...Object.fromEntries(RECEIPT_KINDS.map((k) => [k, receiptEvent])),
  ...Object.fromEntries(TAG_KINDS.map((k) => [k, tagEvent])),
  follow: followEvent,
  unfollow: followEvent,
  user_click_chatnow: chatNowEvent,
  user_submit_info: submitInfoEvent,
  user_reacted_message: reactionEvent,
};

export type Attachment = z.infer<typeof attachment>;

/** What the engine needs of any accepted event, with the raw (validated) event kept whole. */
export interface ZaloEvent {
  kind: string;
  /** The citizen this event is about, whichever direction it travelled. */
  userId: string;
  timestamp: string;
  /** `message.msg_id` when present, else kind + subject + timestamp (docs/zalo-platform.md §1). */
  dedupeKey: string;
  /** Counts toward the 48 h / 7-day windows (§3): follow, chat-now, any user message. */
  interaction: boolean;
  raw: Record<string, unknown>;
}

export type ParseResult =
  | { status: 'ok'; event: ZaloEvent }
  | { status: 'ignored'; kind: string; reason: 'unknown_kind' | 'out_of_scope' }
  | { status: 'invalid'; kind: string; issues: string[] };

/** Group chats and anonymous users are out of scope; they are acknowledged and dropped. */
const OUT_OF_SCOPE = /^(anonymous_|user_send_group_|oa_send_group_)/;

export function parseZaloEvent(body: unknown): ParseResult {
  const kind = typeof (body as { event_name?: unknown })?.event_name === 'string' ? (body as { event_name: string }).event_name : '';
  if (!kind) return { status: 'invalid', kind: 'missing', issues: ['event_name: is required'] };
  if (nestsDeeperThan(body, MAX_EVENT_DEPTH))
    return { status: 'invalid', kind, issues: [`body: nested deeper than ${MAX_EVENT_DEPTH} levels`] };
  if (OUT_OF_SCOPE.test(kind)) return { status: 'ignored', kind, reason: 'out_of_scope' };
  const schema = SCHEMAS[kind];
  if (!schema) return { status: 'ignored', kind, reason: 'unknown_kind' };
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      status: 'invalid',
      kind,
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    };
  }
  const raw = parsed.data;
  const userId = subjectOf(kind, raw);
  if (!userId) return { status: 'invalid', kind, issues: ['body: no user id for this event'] };
  const msgId = (raw.message as { msg_id?: string } | undefined)?.msg_id;
  return {
    status: 'ok',
    event: {
      kind,
      userId,
      timestamp: raw.timestamp as string,
      dedupeKey: msgId ? `m.${msgId}` : `e.${kind}.${userId}.${raw.timestamp as string}`,
      interaction: isInteraction(kind),
      raw,
    },
  };
}

function subjectOf(kind: string, raw: Record<string, unknown>): string | undefined {
  const idOf = (field: string) => (raw[field] as { id?: string } | undefined)?.id;
  if (kind === 'follow' || kind === 'unfollow') return idOf('follower');
  if (kind === 'user_click_chatnow') return raw.user_id as string;
  if ((TAG_KINDS as readonly string[]).includes(kind)) {
    return (raw.user_id as string | undefined) ?? idOf('follower') ?? (raw.tag as { user_ids?: string[] } | undefined)?.user_ids?.[0];
  }
  return sentByOa(kind) ? idOf('recipient') : idOf('sender');
}

/** Echoes and receipts travel from the OA to the user: sender and recipient are reversed. */
export function sentByOa(kind: string): boolean {
  return kind.startsWith('oa_send_') || (RECEIPT_KINDS as readonly string[]).includes(kind);
}

function isInteraction(kind: string): boolean {
  return kind === 'follow' || kind === 'user_click_chatnow' || kind === 'user_submit_info' || kind.startsWith('user_send_');
}

export function isEcho(kind: string): boolean {
  return kind.startsWith('oa_send_');
}
