/**
 * The local simulator (`npm run dev`): a phone-friendly page where a person chats as a citizen.
 * Each action becomes a real-shaped event (zalo-events.ts), signed like Zalo signs, POSTed through
 * the bot's REAL webhook over HTTP — so signature, parsing and dedupe run exactly as in
 * production. The bot's replies reach the page through the fake Zalo's message store.
 */
import { randomInt } from 'node:crypto';
import axios from 'axios';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { FakeZalo, StoredMessage } from './fake-zalo';
import { SIMULATOR_PAGE } from './simulator-page';
import {
  chatNowEvent,
  followEvent,
  signedRequest,
  unfollowEvent,
  userImageEvent,
  userLocationEvent,
  userTextEvent,
  type SubjectParams,
  type ZaloEvent,
} from './zalo-events';

export interface SimulatorOptions {
  fake: FakeZalo;
  webhookUrl: string;
  appId: string;
  oaId: string;
  oaSecretKey: string;
}

export interface SimulatedUser {
  id: string;
  name: string;
}

const SEND_KINDS = ['text', 'follow', 'unfollow', 'chatnow', 'image', 'location'] as const;
type SendKind = (typeof SEND_KINDS)[number];

interface Coordinates {
  latitude: string;
  longitude: string;
}

export type TranscriptEntry =
  | { from: 'user'; kind: SendKind; text?: string; imageUrl?: string; location?: Coordinates; at: number }
  | { from: 'bot'; message: StoredMessage };

/** A commune centre in Hà Nội; any plausible Vietnamese point would do. */
const SAMPLE_LOCATION: Coordinates = { latitude: '21.0285', longitude: '105.8542' };
/** Above Zalo's 2 s budget, so a slow webhook shows up as a failure here as it would there. */
const WEBHOOK_TIMEOUT_MS = 5000;
const SAMPLE_NAMES = ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Lê Thị Hoa', 'Phạm Văn Hùng', 'Hoàng Thị Mai', 'Vũ Văn Nam'];

/** A small drawing served locally: nothing outside the machine is reachable, and the bot may fetch it. */
const SAMPLE_PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320" viewBox="0 0 480 320">
<rect width="480" height="200" fill="#9fd3ff"/><circle cx="390" cy="70" r="36" fill="#ffd54f"/>
<rect y="200" width="480" height="120" fill="#7cb342"/><path d="M0 250 L480 230 L480 270 L0 300Z" fill="#8d6e63"/>
<ellipse cx="250" cy="262" rx="46" ry="12" fill="#4e342e"/>
<text x="20" y="40" font-family="sans-serif" font-size="22" fill="#1b1e23">Ổ gà trên đường thôn</text></svg>`;

const createUserSchema = z.object({ name: z.string().trim().min(1).max(60).optional() });
const messagesQuerySchema = z.object({
  userId: z.string().regex(/^\d{1,30}$/, 'must be a numeric user id'),
  after: z.coerce.number().int().min(0).default(0),
});
const sendSchema = z
  .object({
    userId: z.string().regex(/^\d{1,30}$/, 'must be a numeric user id'),
    kind: z.enum(SEND_KINDS),
    text: z.string().max(5000).optional(),
    /** An oa.query.hide click: the event is sent but no bubble is shown. */
    hidden: z.boolean().optional(),
  })
  .refine((body) => body.kind !== 'text' || Boolean(body.text?.trim()), {
    path: ['text'],
    message: 'required when kind is "text"',
  });
type SendBody = z.infer<typeof sendSchema>;

/** Zalo user ids are 19-digit strings beyond 2^53: built digit by digit, never through a number. */
function randomUserId(): string {
  let id = String(randomInt(1, 10));
  while (id.length < 19) id += String(randomInt(0, 10));
  return id;
}

function parseOr400<T>(schema: z.ZodType<T>, input: unknown, res: Response): T | undefined {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  res.status(400).json({ error: 'invalid_body', fields: z.flattenError(result.error).fieldErrors });
  return undefined;
}

class Simulator {
  private readonly users = new Map<string, SimulatedUser>();
  private readonly transcripts = new Map<string, TranscriptEntry[]>();

  constructor(private readonly options: SimulatorOptions) {
    // Lives as long as the router: the dev server never unmounts it.
    options.fake.onMessage((message) => this.append(message.userId, { from: 'bot', message }));
  }

  listUsers(): SimulatedUser[] {
    return [...this.users.values()];
  }

  hasUser(id: string): boolean {
    return this.users.has(id);
  }

  createUser(name: string | undefined): SimulatedUser {
    let id = randomUserId();
    while (this.users.has(id)) id = randomUserId();
    const user = { id, name: name ?? SAMPLE_NAMES[this.users.size % SAMPLE_NAMES.length] ?? 'Người dân' };
    this.users.set(id, user);
    this.options.fake.setDisplayName(id, user.name); // what Zalo's user detail would answer
    return user;
  }

  entriesAfter(userId: string, after: number): { messages: TranscriptEntry[]; next: number } {
    const all = this.transcripts.get(userId) ?? [];
    return { messages: all.slice(after), next: all.length };
  }

  /** Builds, records and delivers one citizen action; resolves with the webhook's answer. */
  async send(body: SendBody, photoUrl: string): Promise<{ httpStatus: number; json: Record<string, unknown> }> {
    const event = this.buildEvent(body, photoUrl);
    this.applyToFake(body);
    if (!body.hidden) this.append(body.userId, this.userEntry(body, photoUrl));
    const { body: raw, headers } = signedRequest(event, this.options);
    const summary = { eventName: event.event_name, msgId: 'message' in event ? event.message.msg_id : undefined };
    try {
      const answer = await axios.post(this.options.webhookUrl, raw, {
        headers,
        timeout: WEBHOOK_TIMEOUT_MS,
        validateStatus: () => true,
      });
      return { httpStatus: 200, json: { ...summary, status: answer.status } };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { httpStatus: 502, json: { ...summary, status: null, error: reason } };
    }
  }

  private buildEvent(body: SendBody, photoUrl: string): ZaloEvent {
    const subject: SubjectParams = { appId: this.options.appId, oaId: this.options.oaId, userId: body.userId };
    const caption = body.text || undefined;
    switch (body.kind) {
      case 'text':
        return userTextEvent({ ...subject, text: body.text ?? '' });
      case 'follow':
        return followEvent(subject);
      case 'unfollow':
        return unfollowEvent(subject);
      case 'chatnow':
        return chatNowEvent(subject);
      case 'image':
        return userImageEvent({ ...subject, url: photoUrl, caption });
      case 'location':
        return userLocationEvent({ ...subject, ...SAMPLE_LOCATION, caption });
    }
  }

  /** What Zalo itself would now know about this user (docs/zalo-platform.md §3: what counts as interaction). */
  private applyToFake(body: SendBody): void {
    const { fake } = this.options;
    if (body.kind === 'unfollow') {
      fake.setUserState(body.userId, 'unfollowed');
      return;
    }
    if (body.kind === 'follow') fake.setUserState(body.userId, 'follower');
    fake.recordInteraction(body.userId);
  }

  private userEntry(body: SendBody, photoUrl: string): TranscriptEntry {
    const entry: TranscriptEntry = { from: 'user', kind: body.kind, text: body.text, at: Date.now() };
    if (body.kind === 'image') entry.imageUrl = photoUrl;
    if (body.kind === 'location') entry.location = SAMPLE_LOCATION;
    return entry;
  }

  private append(userId: string, entry: TranscriptEntry): void {
    const list = this.transcripts.get(userId);
    if (list) list.push(entry);
    else this.transcripts.set(userId, [entry]);
  }
}

function photoUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}${req.baseUrl}/sample-photo.svg`;
}

/** Mount at `/simulator`; the page finds its API relative to wherever it is mounted. */
export function createSimulatorRouter(options: SimulatorOptions): Router {
  const sim = new Simulator(options);
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));

  router.get('/', (_req, res) => {
    res.type('html').set('cache-control', 'no-store').send(SIMULATOR_PAGE);
  });
  router.get('/sample-photo.svg', (_req, res) => {
    res.type('image/svg+xml').send(SAMPLE_PHOTO_SVG);
  });
  router.get('/api/users', (_req, res) => {
    res.json(sim.listUsers());
  });
  router.post('/api/users', (req, res) => {
    const body = parseOr400(createUserSchema, req.body ?? {}, res);
    if (body) res.status(201).json(sim.createUser(body.name));
  });
  router.get('/api/messages', (req, res) => {
    const query = parseOr400(messagesQuerySchema, req.query, res);
    if (query) res.set('cache-control', 'no-store').json(sim.entriesAfter(query.userId, query.after));
  });
  router.post('/api/send', async (req, res) => {
    const body = parseOr400(sendSchema, req.body ?? {}, res);
    if (!body) return;
    if (!sim.hasUser(body.userId)) {
      res.status(404).json({ error: 'unknown_user', message: 'Create the user first (POST /api/users)' });
      return;
    }
    const { httpStatus, json } = await sim.send(body, photoUrlOf(req));
    res.status(httpStatus).json(json);
  });
  return router;
}
