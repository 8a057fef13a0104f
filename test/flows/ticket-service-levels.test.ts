/**
 * Service levels: the checks are planned as delayed jobs counted in office time, and when one
 * fires the job handler decides from the ticket alone. The clock is injected and the handler is
 * called directly with the job BullMQ would hand it — no waiting, and every outcome asserted.
 * The Zalo side is scripted (test/domain/tickets/ticket-fakes.ts); the office-time arithmetic
 * itself is unit-tested in test/domain/tickets/office-time.test.ts.
 */
import { createClient } from 'redis';
import { Registry } from 'prom-client';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { loadCommuneProfile } from '../../src/domain/commune/commune-profile';
import { TeamRegistry } from '../../src/domain/teams/team-registry';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { OfficeCalendar, parseOfficeHours } from '../../src/domain/tickets/office-time';
import { CitizenCommands } from '../../src/domain/tickets/citizen-commands';
import { TeamCommands } from '../../src/domain/tickets/team-commands';
import { TicketFollowUps } from '../../src/domain/tickets/ticket-follow-ups';
import { createTicketCounter, createTicketJobHandler } from '../../src/jobs/tickets';
import { deleteKeys, uniquePrefix, userId } from '../helpers';
import { MemoryJobs, ScriptedNotifier } from '../domain/tickets/ticket-fakes';

const HOUR = 3_600_000;
const vn = (local: string) => Date.parse(`${local}+07:00`);

describe('ticket service levels (office time, injected clock)', () => {
  const prefix = uniquePrefix('ticket-sla');
  const keys = createKeys(prefix);
  const village = 'Phương Nghệ';
  const villageMember = userId();
  const communeMember = userId();
  const officer = userId();
  let redis: RedisClient;
  let store: TicketStore;
  let clock: number;
  let notifier: ScriptedNotifier;
  let jobs: MemoryJobs;
  let citizens: CitizenCommands;
  let team: TeamCommands;
  let handle: (job: Parameters<ReturnType<typeof createTicketJobHandler>>[0]) => Promise<unknown>;

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    store = new TicketStore(redis, keys);
    const teams = new TeamRegistry(redis, keys, loadCommuneProfile());
    await teams.put(village, { members: [{ zaloId: villageMember }] });
    await teams.put('commune', { members: [{ zaloId: communeMember }] });
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  beforeEach(() => {
    // Friday 16:50 in Vietnam: ten minutes of office time left before the weekend.
    clock = vn('2026-11-27T16:50:00');
    notifier = new ScriptedNotifier();
    notifier.officers = [officer];
    jobs = new MemoryJobs();
    const calendar = new OfficeCalendar({ schedule: parseOfficeHours('Mon-Fri 07:30-11:30,13:30-17:00'), holidays: [] });
    const directory = { villageOf: async () => village, setVillage: async () => undefined, displayNameOf: async () => undefined };
    const options = { calendar, takeWithinMs: 30 * 60_000, answerWithinMs: 8 * HOUR, now: () => clock, deliveryWaitMs: 0 };
    const teams = new TeamRegistry(redis, keys, loadCommuneProfile());
    citizens = new CitizenCommands(store, teams, directory, jobs, notifier, options);
    team = new TeamCommands(store, teams, jobs, options);
    handle = createTicketJobHandler(new TicketFollowUps(store, teams, jobs, notifier, team, options), createTicketCounter(new Registry()));
    jobs.handler = handle;
  });

  async function ask(): Promise<{ citizen: string; id: string }> {
    const citizen = userId();
    const ticket = await citizens.open(citizen, village, { text: 'Đăng nhập VNeID báo sai mật khẩu' });
    await jobs.run();
    return { citizen, id: ticket.id };
  }
  const delayOf = (kind: string, id: string) => jobs.planned.find((p) => p.job.kind === kind && p.job.ticketId === id)?.delayMs;

  it('both checks are planned in office time: a Friday-evening question is due on Monday', async () => {
    const { id } = await ask();
    // 10 minutes on Friday, 20 on Monday from 07:30.
    expect(clock + delayOf('take-due', id)!).toBe(vn('2026-11-30T07:50:00'));
    // 10 minutes on Friday, then Monday's 7.5 hours, then 20 minutes on Tuesday.
    expect(clock + delayOf('answer-due', id)!).toBe(vn('2026-12-01T07:50:00'));
  });

  it('not taken in time → the commune team; not answered in time → officers told, and the citizen gets an honest update', async () => {
    const { citizen, id } = await ask();
    expect(notifier.to(villageMember, `offer:${village}`)).toHaveLength(1);
    clock = vn('2026-11-30T07:50:00');
    expect(await handle({ kind: 'take-due', ticketId: id, round: 0 })).toEqual({ outcome: 'escalated' });
    await jobs.run();
    expect(notifier.to(communeMember, 'offer:commune')).toHaveLength(1);
    clock = vn('2026-12-01T07:50:00');
    expect(await handle({ kind: 'answer-due', ticketId: id, round: 0 })).toEqual({ outcome: 'late', officersTold: 1 });
    expect(notifier.to(officer, 'late')).toHaveLength(1);
    expect(notifier.to(citizen, 'late')).toHaveLength(1);
    expect(await store.get(id)).toMatchObject({ status: 'open', team: 'commune', escalatedAt: expect.any(String) });
    const notes = (await store.history(id)).filter((e) => e.from === 'system').map((e) => e.event);
    expect(notes).toEqual(['offered', 'escalated', 'offered', 'late']);
  });

  it('a ticket taken and answered in time: both checks fire and are skipped', async () => {
    const { citizen, id } = await ask();
    expect((await team.take(villageMember, id)).kind).toBe('taken');
    await team.memberSays(villageMember, { text: 'Bạn chọn “Quên mật khẩu” rồi nhập mã OTP.', id: 'm-1' });
    await jobs.run();
    expect(notifier.to(citizen, 'answer')).toHaveLength(1);
    clock = vn('2026-11-30T07:50:00');
    expect(await handle({ kind: 'take-due', ticketId: id, round: 0 })).toEqual({ outcome: 'skipped' });
    clock = vn('2026-12-01T07:50:00');
    expect(await handle({ kind: 'answer-due', ticketId: id, round: 0 })).toEqual({ outcome: 'skipped', officersTold: 0 });
    expect(jobs.of('offer')).toEqual([]);
    expect(notifier.to(communeMember)).toEqual([]);
    expect(notifier.to(officer)).toEqual([]);
    expect(notifier.to(citizen, 'late')).toEqual([]);
    expect((await team.memberClose(villageMember)).kind).toBe('done');
  });

  it('checks planned for an earlier round are skipped once the ticket was reopened', async () => {
    const { citizen, id } = await ask();
    expect((await team.take(villageMember, id)).kind).toBe('taken');
    await team.memberSays(villageMember, { text: 'Xong rồi nhé', id: 'm-2' });
    await jobs.run();
    expect((await team.memberClose(villageMember)).kind).toBe('done');
    expect((await citizens.reopen(citizen, id)).kind).toBe('done');
    clock = vn('2026-12-01T07:50:00');
    expect(await handle({ kind: 'take-due', ticketId: id, round: 0 })).toEqual({ outcome: 'skipped' });
    expect(await handle({ kind: 'answer-due', ticketId: id, round: 0 })).toEqual({ outcome: 'skipped', officersTold: 0 });
    // The new round's own checks are planned.
    expect(
      jobs.planned.filter((p) => p.job.kind === 'answer-due' && p.job.ticketId === id).map((p) => ('round' in p.job ? p.job.round : -1)),
    ).toEqual([0, 1]);
  });
});
