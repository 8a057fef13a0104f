/**
 * The only place that spells a Redis key. Keys used together in one script share a hash tag
 * (`{u<user id>}` for a user's keys), and every BullMQ queue shares the `{q}` tag, so moving to
 * Redis Cluster is a configuration change (docs/zalo-platform.md, "Growing past one Redis").
 */
export interface Keys {
  /** BullMQ's prefix: every queue key starts with it. */
  readonly queuePrefix: string;
  /** Marks a webhook delivery as seen; kept ≥ 24 h so a retry half a day later is still a duplicate. */
  seen(userId: string, dedupeKey: string): string;
  /** The user's not-yet-handled events, oldest first. */
  inbox(userId: string): string;
  /** Which drain job owns the user's inbox right now. */
  inboxOwner(userId: string): string;
  /** Sorted set of users with events not yet handled, by when the first one arrived. */
  readonly pendingInboxes: string;
  /** Hash: lastInteraction, windowClosedAt, locale, following, followingChangedAt, displayName, zaloTags. */
  profile(userId: string): string;
  /** Recent sends to the user, for matching `oa_send_*` echoes. */
  recentSends(userId: string): string;
  /** Hash: the messages one inbound event's handling delivered (send index → digest and Zalo id), so a retry skips them. */
  eventReplies(userId: string, eventId: string): string;
  /** Set once an inbound event's wrong dossier answer was counted, so a retried event counts it once. */
  lookupCounted(userId: string, eventId: string): string;
  /** Set while a human officer is answering in OA Manager. */
  humanQuiet(userId: string): string;
  /** Hash: the short-term chat context (the procedure last discussed, the buttons last shown …); expires. */
  chatContext(userId: string): string;
  /** Conversation engine state of one chat. */
  conversation(chatKey: string): string;
  /** Requests one client made to the public endpoints in one minute. */
  publicRate(client: string, minute: number): string;
  /** Hash: SHA-256 of an API token → its record. */
  readonly apiTokens: string;
  /** Hash: API token id → the SHA-256 (for revoking by id). */
  readonly apiTokenIds: string;
  /** A dossier pushed by the one-stop system, by its canonical code. */
  dossier(code: string): string;
  /** Wrong second factors: by one user for one code (24 h), by one user (1 h), for one code by anyone (1 h). */
  lookupFailures(scope: 'user-code' | 'user' | 'code', id: string): string;
  /** Set while a dossier code is locked for chat lookups by everyone (guessed from many accounts). */
  lookupLocked(code: string): string;
  /** Set: users following a dossier. */
  dossierFollowers(code: string): string;
  /** Set: codes with at least one follower. */
  readonly followedDossiers: string;
  /** This user passed the second factor for this code lately: may follow and rate it. */
  dossierGrant(userId: string, code: string): string;
  /** What became of each dossier notice (sent, not deliverable, unreachable). */
  readonly dossierNoticeLog: string;
  /** Sorted set of ratings by time, and their records. */
  readonly ratings: string;
  readonly ratingData: string;
  /** Sorted set of messages the bot could not place, by time, and their records (the learning loop). */
  readonly unplaced: string;
  readonly unplacedData: string;
  /** Append-only audit of dossier lookups (user ids hashed). */
  readonly lookupAudit: string;
  readonly tokens: string;
  readonly tokenLock: string;
  /** Events whose handling threw, kept for an operator to inspect. */
  readonly deadLetters: string;
  /**
   * Follower segments as sets of user ids, all under the `{f}` hash tag so that an audience is
   * one SUNIONSTORE/SINTERSTORE/SDIFFSTORE (docs/zalo-platform.md, "Growing past one Redis").
   * A follower's own segment record lives under `{f}` too (`follower(userId)`), so that the script
   * changing it and its set memberships touches one slot.
   */
  /**
   * Hash: a follower's segment record (segmentRev, village, topics, stopped, consentAt), kept
   * with the sets it mirrors; language and follow state stay in `profile(userId)`.
   */
  follower(userId: string): string;
  /** Set: everyone who follows the OA or chatted with it and has not unfollowed. */
  readonly followersAll: string;
  /** Set: followers who stopped all announcements ("stop all"); never in an audience. */
  readonly followersStopped: string;
  /** Set: followers of one village, by the village's name as the commune profile spells it. */
  followersInVillage(village: string): string;
  /** Set: followers interested in one topic, by the topic's id. */
  followersOfTopic(topic: string): string;
  /** Set: the frozen audience of one broadcast (planned from it page by page). */
  broadcastAudience(broadcastId: string): string;
  /** Hash: officer's Zalo user id → their staff record (role, name), under `{s}` with its audit. */
  readonly staff: string;
  /** Append-only audit of staff directory changes (who changed whom, when). */
  readonly staffAudit: string;
  /** Set: a short-lived intermediate of the audience algebra (a union of villages or topics, a count). */
  audienceScratch(token: string): string;
  /**
   * A broadcast's keys share the `{b<id>}` tag: its record and counters (one hash, so an outcome
   * changes the counts and the status atomically), the recipients already counted, and its
   * delivery log (kept BROADCAST_LOG_DAYS).
   */
  broadcast(broadcastId: string): string;
  broadcastFinished(broadcastId: string): string;
  broadcastLog(broadcastId: string): string;
  /** Sorted set of broadcast ids by creation time, for listing newest first. */
  readonly broadcasts: string;
  /** Append-only audit of broadcast actions (create, plan, cancel, done) with the actor. */
  readonly broadcastAudit: string;
  /**
   * Tickets to the village teams (issue 6), all under the `{t}` tag: taking a ticket moves it
   * between the status sets and points the member's desk at it in one script. A commune's
   * ticket volume is small, so one slot holding them all costs nothing.
   */
  /** Hash: team (village name as the commune profile spells it, or `commune`) → the team's JSON. */
  readonly teams: string;
  /** Counter behind the readable ticket ids (T-000123). */
  readonly ticketSeq: string;
  /** Hash: one ticket's fields. */
  ticket(ticketId: string): string;
  /** List: a ticket's messages both ways and its notes, oldest first (JSON entries). */
  ticketHistory(ticketId: string): string;
  /** Sorted set of the ticket ids in one status (open, taken, closed), by creation time. */
  ticketsInStatus(status: string): string;
  /** Sorted set of every ticket id by creation time (figures over a period). */
  readonly ticketsAll: string;
  /** Sorted set of the rated tickets' ids by the time of their rating (the satisfaction report). */
  readonly ticketRatings: string;
  /** The ticket a team member is answering: their chat with the OA is relayed to its citizen. */
  ticketDesk(memberId: string): string;
  /** The citizen's latest ticket (open, taken, or closed and still reopenable). */
  citizenTicket(userId: string): string;
  /** Hash: one Vietnam day's counts (messages handled, dossier lookups), by YYYY-MM-DD; kept ~400 days. */
  dailyCounts(date: string): string;
  /**
   * What officers taught the understanding layer (insights/teachings.ts), under the `{learn}` tag so
   * a teaching and the version it moves are one MULTI: intent examples (hash: lower-case text →
   * JSON), search synonyms (hash: folded phrase → JSON), and the version counter the worker watches.
   */
  readonly taughtExamples: string;
  readonly taughtSynonyms: string;
  readonly taughtVersion: string;
}

export function createKeys(prefix: string): Keys {
  const user = (id: string) => `${prefix}:{u${id}}`;
  return {
    queuePrefix: `${prefix}:{q}`,
    seen: (id, dedupeKey) => `${user(id)}:seen:${dedupeKey}`,
    inbox: (id) => `${user(id)}:inbox`,
    inboxOwner: (id) => `${user(id)}:inbox-owner`,
    pendingInboxes: `${prefix}:inbox:pending`,
    profile: (id) => `${user(id)}:profile`,
    recentSends: (id) => `${user(id)}:sent`,
    eventReplies: (id, eventId) => `${user(id)}:replies:${eventId}`,
    lookupCounted: (id, eventId) => `${user(id)}:lookup-counted:${eventId}`,
    humanQuiet: (id) => `${user(id)}:human`,
    chatContext: (id) => `${user(id)}:context`,
    conversation: (chatKey) => `${user(chatKey)}:conversation`,
    publicRate: (client, minute) => `${prefix}:rate:public:${minute}:${client}`,
    apiTokens: `${prefix}:api:tokens`,
    apiTokenIds: `${prefix}:api:token-ids`,
    dossier: (code) => `${prefix}:dossier:${code}`,
    lookupFailures: (scope, id) => `${prefix}:lookup-fail:${scope}:${id}`,
    lookupLocked: (code) => `${prefix}:lookup-locked:${code}`,
    lookupAudit: `${prefix}:lookup-audit`,
    dossierFollowers: (code) => `${prefix}:dossier-followers:${code}`,
    followedDossiers: `${prefix}:dossiers-followed`,
    dossierGrant: (userId, code) => `${user(userId)}:dossier-grant:${code}`,
    dossierNoticeLog: `${prefix}:dossier-notices:log`,
    ratings: `${prefix}:ratings`,
    ratingData: `${prefix}:ratings:data`,
    unplaced: `${prefix}:{insights}:unplaced`,
    unplacedData: `${prefix}:{insights}:unplaced:data`,
    tokens: `${prefix}:zalo:tokens`,
    tokenLock: `${prefix}:zalo:tokens:lock`,
    deadLetters: `${prefix}:inbound:dead`,
    follower: (id) => `${prefix}:{f}:follower:${id}`,
    followersAll: `${prefix}:{f}:all`,
    followersStopped: `${prefix}:{f}:stopped`,
    followersInVillage: (village) => `${prefix}:{f}:village:${village}`,
    followersOfTopic: (topic) => `${prefix}:{f}:topic:${topic}`,
    broadcastAudience: (id) => `${prefix}:{f}:audience:${id}`,
    staff: `${prefix}:{s}:staff`,
    staffAudit: `${prefix}:{s}:staff:audit`,
    audienceScratch: (token) => `${prefix}:{f}:scratch:${token}`,
    broadcast: (id) => `${prefix}:{b${id}}:broadcast`,
    broadcastFinished: (id) => `${prefix}:{b${id}}:finished`,
    broadcastLog: (id) => `${prefix}:{b${id}}:log`,
    broadcasts: `${prefix}:broadcasts`,
    broadcastAudit: `${prefix}:broadcasts:audit`,
    // Tickets and teams (issue 6): the `{t}` tag, see the interface.
    teams: `${prefix}:{t}:teams`,
    ticketSeq: `${prefix}:{t}:ticket-seq`,
    ticket: (id) => `${prefix}:{t}:ticket:${id}`,
    ticketHistory: (id) => `${prefix}:{t}:ticket:${id}:history`,
    ticketsInStatus: (status) => `${prefix}:{t}:tickets:${status}`,
    ticketsAll: `${prefix}:{t}:tickets:all`,
    ticketRatings: `${prefix}:{t}:tickets:rated`,
    ticketDesk: (memberId) => `${prefix}:{t}:desk:${memberId}`,
    citizenTicket: (userId) => `${prefix}:{t}:citizen:${userId}`,
    dailyCounts: (date) => `${prefix}:stats:day:${date}`,
    taughtExamples: `${prefix}:{learn}:examples`,
    taughtSynonyms: `${prefix}:{learn}:synonyms`,
    taughtVersion: `${prefix}:{learn}:version`,
  };
}
