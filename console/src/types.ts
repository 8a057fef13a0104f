/** The API's shapes as the console reads them (docs/http-api.md, docs/http-api-console.md). */

export type Audience = { all: true } | { villages?: string[]; topics?: string[] };

export const BROADCAST_STATUSES = ['scheduled', 'sending', 'done', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export interface Broadcast {
  id: string;
  text: string;
  audience: Audience & { userIds?: string[] };
  sendAt?: string;
  imageUrl?: string;
  link?: { title: string; url: string };
  repeat?: { every?: number; cron?: string; until?: string };
  parentId?: string;
  createdAt: string;
  createdBy: { name: string };
  status: BroadcastStatus;
  counts: { planned?: number; sent: number; failed: number; skipped: number; cancelled: number };
  skipReasons: Record<string, number>;
  startedAt?: string;
  finishedAt?: string;
  cancelledAt?: string;
  latestOccurrence?: string;
  /** A recurring broadcast still scheduled: when it runs next. */
  nextRunAt?: string;
}

export interface DeliveryEntry {
  at?: string;
  user?: string;
  outcome?: string;
  reason?: string;
  [key: string]: unknown;
}

export const TICKET_STATUSES = ['open', 'taken', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface Ticket {
  id: string;
  status: TicketStatus;
  village: string;
  team: string;
  citizenName?: string;
  question: string;
  photos: string[];
  takenByName?: string;
  createdAt: string;
  takenAt?: string;
  firstAnswerAt?: string;
  closedAt?: string;
  closedBy?: string;
  escalatedAt?: string;
  escalation?: string;
  lastAnswerAt?: string;
  reopenedAt?: string;
  rating?: string;
  round: number;
}

export interface TicketMessage {
  at: string;
  from: 'citizen' | 'team' | 'system';
  text?: string;
  photos?: string[];
  by?: string;
  event?: string;
  team?: string;
  detail?: string;
}

export interface Team {
  key: string;
  name: string;
  members: Array<{ zaloId: string; displayName?: string }>;
  updatedAt?: string;
}

export interface Durations {
  medianMinutes: number | null;
  medianOfficeMinutes: number | null;
}

export interface VillageFigures {
  village: string;
  tickets: number;
  open: number;
  taken: number;
  closed: number;
  firstAnswer: Durations;
  close: Durations;
  ratings: Record<string, number>;
  satisfiedShare: number | null;
}

export interface Dossier {
  code: string;
  procedureCode: string;
  status: number;
  receivedAt: string;
  dueAt: string;
  finishedAt?: string;
  applicantPhoneLast4?: string;
  applicantIdLast4?: string;
  note?: string;
  missingDocuments?: string[];
  updatedAt: string;
}

export interface StaffMember {
  id: string;
  role: 'admin' | 'officer';
  name: string;
  updatedAt: string;
}

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export interface RatingsReport {
  from: string;
  to: string;
  count: number;
  satisfiedShare: number | null;
  bySubject: Record<'dossier' | 'ticket', { count: number; satisfiedShare: number | null }>;
  ratings: Array<{ subject: 'dossier' | 'ticket'; level: RatingLevel; at: string; code?: string; ticketId?: string; village?: string }>;
}

/** The service-level times of a ticket's round (office time), and whether it is late now. */
export interface TicketDue {
  takeBy: string;
  answerBy: string;
  late: boolean;
}

export type TicketView = Ticket & { due?: TicketDue };
