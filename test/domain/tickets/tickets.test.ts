/**
 * The tickets' commands and follow-up jobs against the real Redis, with the Zalo side scripted (./ticket-fakes.ts):
 * the real job handler runs the jobs when a test says so. The clock is injected; nothing waits.
 */
import { createClient } from 'redis';
import { Registry } from 'prom-client';
import { createKeys } from '../../../src/store/keys';
import type { RedisClient } from '../../../src/store/redis';
import { loadCommuneProfile } from '../../../src/domain/commune/commune-profile';
import { TeamRegistry } from '../../../src/domain/teams/team-registry';
import { TicketStore } from '../../../src/domain/tickets/ticket-store';
import { OfficeCalendar, parseOfficeHours } from '../../../src/domain/tickets/office-time';
import { CitizenCommands } from '../../../src/domain/tickets/citizen-commands';
import { TeamCommands } from '../../../src/domain/tickets/team-commands';
import { TicketFollowUps } from '../../../src/domain/tickets/ticket-follow-ups';
import { createTicketCounter, createTicketJobHandler } from '../../../src/jobs/tickets';
import { deleteKeys, uniquePrefix, userId } from '../../helpers';
import { MemoryJobs, ScriptedNotifier } from './ticket-fakes';

describe('the tickets: one role at a time, and every notice once', () => {
  const prefix = uniquePrefix('tickets');
  const keys = createKeys(prefix);
  const commune = loadCommuneProfile();
  const village = 'Phương Nghệ';
  let redis: RedisClient;
  let store: TicketStore;
  let teams: TeamRegistry;
  let clock: number;
  let notifier: ScriptedNotifier;
  let jobs: MemoryJobs;
  let citizens: CitizenCommands;
  let team: TeamCommands;
  let followUps: TicketFollowUps;
  const villages = new Map<string, string>();
  let members: string[];
  let communeMembers: string[];

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    store = new TicketStore(redis, keys);
    teams = new TeamRegistry(redis, keys, commune);
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  beforeEach(async () => {
    clock = Date.parse('2026-11-27T02:00:00Z');
    notifier = new ScriptedNotifier();
    jobs = new MemoryJobs();
    const directory = {
      villageOf: async (u: string) => villages.get(u),
      setVillage: async (u: string, v: string) => void villages.set(u, v),
      displayNameOf: async () => undefined,
    };
    const calendar = new OfficeCalendar({ schedule: parseOfficeHours('Mon-Sun 00:00-24:00'), holidays: [] });
    const options = { calendar, takeWithinMs: 30 * 60_000, answerWithinMs: 8 * 3_600_000, now: () => clock, deliveryWaitMs: 0 };
    citizens = new CitizenCommands(store, teams, directory, jobs, notifier, options);
    team = new TeamCommands(store, teams, jobs, options);
    followUps = new TicketFollowUps(store, teams, jobs, notifier, team, options);
    jobs.handler = createTicketJobHandler(followUps, createTicketCounter(new Registry()));
    members = [userId(), userId()];
    communeMembers = [userId(), userId()];
    await teams.put(village, { members: members.map((zaloId, i) => ({ zaloId, displayName: `Thành viên ${i + 1}` })) });
    await teams.put('commune', { members: communeMembers.map((zaloId) => ({ zaloId })) });
  });

  async function ask(question = 'Cài VNeID thế nào?', citizen = userId()): Promise<{ citizen: string; id: string }> {
    const ticket = await citizens.open(citizen, village, { text: question });
    await jobs.run();
    return { citizen, id: ticket.id };
  }
  const events = async (id: string) => (await store.history(id)).filter((e) => e.from === 'system').map((e) => e.event);

  describe('1–2. one role at a time', () => {
    it('a member holding a ticket cannot take a second one: their answers never reach the wrong citizen', async () => {
      const [m] = members;
      const a = await ask('Câu hỏi của A');
      const b = await ask('Câu hỏi của B');
      expect((await team.take(m!, a.id)).kind).toBe('taken');
      expect(await team.take(m!, b.id)).toEqual({ kind: 'busy', id: a.id });
      expect((await store.get(b.id))?.status).toBe('open');
      await team.memberSays(m!, { text: 'Trả lời cho A', id: 'msg-1' });
      await jobs.run();
      expect(notifier.to(a.citizen, 'answer').map((s) => s.text)).toEqual(['Trả lời cho A']);
      expect(notifier.to(b.citizen, 'answer')).toEqual([]);
      // Closed, their chat is free: the second one may be taken now.
      expect((await team.memberClose(m!)).kind).toBe('done');
      expect((await team.take(m!, b.id)).kind).toBe('taken');
    });

    it('a member may not take their own question, nor any while their own waits for an answer', async () => {
      const [m, other] = members;
      const own = await ask('Câu hỏi của chính tôi', m);
      expect(notifier.to(m!).filter((s) => s.kind.startsWith('offer'))).toEqual([]);
      expect(await team.take(m!, own.id)).toEqual({ kind: 'own' });
      const someone = await ask('Câu hỏi của người khác');
      expect(await team.take(m!, someone.id)).toEqual({ kind: 'asking', id: own.id });
      expect((await team.take(other!, own.id)).kind).toBe('taken');
    });
  });

  describe('3. the member holding a ticket', () => {
    it('is told when the ticket is answered and closed through the API, and their chat is free again', async () => {
      const [m] = members;
      const { citizen, id } = await ask();
      await team.take(m!, id);
      await jobs.run();
      jobs.runAtOnce.add('deliver');
      const outcome = await team.replyFromApi(id, 'Trả lời qua hệ thống', true, 'Cán bộ Minh', true);
      expect(outcome).toMatchObject({ kind: 'sent', delivered: true, ticket: { status: 'closed', closedBy: 'api' } });
      await jobs.run();
      expect(notifier.to(m!, 'closed-by-api')).toHaveLength(1);
      expect(notifier.to(citizen).map((s) => s.kind)).toEqual(['taken', 'answer', 'closed']);
      expect(await team.heldBy(m!)).toBeUndefined();
    });

    it('one Zalo cannot reach gives the ticket back: open again, `unreachable` in the history, offered anew', async () => {
      const [m, other] = members;
      const { citizen, id } = await ask();
      await team.take(m!, id);
      await jobs.run();
      notifier.unreachable.add(m!);
      await citizens.citizenSays(citizen, { text: 'Em vẫn chưa được', id: 'c-1' });
      await jobs.run();
      const ticket = await store.get(id);
      expect(ticket).toMatchObject({ status: 'open' });
      expect(ticket?.takenBy).toBeUndefined();
      expect(await events(id)).toEqual(['offered', 'taken', 'unreachable', 'offered']);
      expect(notifier.to(other!, `offer:${village}`)).toHaveLength(2);
      expect(await team.heldBy(m!)).toBeUndefined();
    });

    it('one who went silent past the answer limit lets it go; officers and the citizen are told, each once', async () => {
      const [m, other] = members;
      notifier.officers = [userId()];
      const { citizen, id } = await ask();
      await team.take(m!, id);
      clock += 9 * 3_600_000;
      expect(await followUps.answerDue(id, 0)).toEqual({ outcome: 'late', officersTold: 1 });
      await jobs.run();
      expect((await store.get(id))?.status).toBe('open');
      expect(notifier.to(m!, 'released')).toHaveLength(1);
      expect(notifier.to(other!, `offer:${village}`)).toHaveLength(2);
      expect(notifier.to(citizen, 'late')).toHaveLength(1);
      // A retried job tells nobody again.
      await followUps.answerDue(id, 0);
      expect(notifier.to(notifier.officers[0]!, 'late')).toHaveLength(1);
      expect(notifier.to(citizen, 'late')).toHaveLength(1);
    });
  });

  describe('4. retried jobs neither strand a ticket nor send twice', () => {
    it('not taken in time: the commune offer is its own job, so a failing offer cannot strand the ticket', async () => {
      const { id } = await ask();
      notifier.failOnce.add(communeMembers[1]!);
      clock += 31 * 60_000;
      expect(await followUps.takeDue(id, 0)).toBe('escalated');
      expect((await store.get(id))?.team).toBe('commune');
      // The offer fails half-way (second member): the retry offers the first one no second time.
      await expect(jobs.run()).rejects.toThrow(/Zalo error/);
      await jobs.handler!({ kind: 'offer', ticketId: id, team: 'commune', generation: 'e0' });
      expect(notifier.to(communeMembers[0]!, 'offer:commune')).toHaveLength(1);
      expect(notifier.to(communeMembers[1]!, 'offer:commune')).toHaveLength(1);
      // takeDue retried: escalated again only as a job with the same id, offered to nobody twice.
      expect(await followUps.takeDue(id, 0)).toBe('escalated');
      await jobs.run();
      expect(notifier.to(communeMembers[0]!, 'offer:commune')).toHaveLength(1);
      expect(await events(id)).toEqual(['offered', 'escalated', 'offered']);
    });

    it('an answer through the API is sent once though the rating question failed the first time', async () => {
      const { citizen, id } = await ask();
      notifier.failOnce.add(`${citizen}/closed`);
      await team.replyFromApi(id, 'Trả lời', true, 'Cán bộ', true);
      await jobs.run(['deliver']);
      await expect(jobs.run()).rejects.toThrow(/Zalo error/);
      await jobs.handler!({ kind: 'notice', ticketId: id, key: 'r0-closed', to: 'citizen', event: 'closed' });
      await jobs.handler!({ kind: 'deliver', ticketId: id, index: 2, close: true });
      expect(notifier.to(citizen).map((s) => s.kind)).toEqual(['answer', 'closed']);
    });
  });

  describe('5. a retried inbound event neither loses nor doubles a notice', () => {
    it('take, relays, close and withdraw, each pressed twice', async () => {
      const [m] = members;
      const { citizen, id } = await ask();
      expect((await team.take(m!, id)).kind).toBe('taken');
      expect((await team.take(m!, id)).kind).toBe('yours');
      await jobs.run();
      await citizens.citizenSays(citizen, { text: 'Em gửi thêm', id: 'z-1' });
      await citizens.citizenSays(citizen, { text: 'Em gửi thêm', id: 'z-1' });
      await team.memberSays(m!, { text: 'Anh trả lời', id: 'z-2' });
      await team.memberSays(m!, { text: 'Anh trả lời', id: 'z-2' });
      expect((await team.memberClose(m!)).kind).toBe('done');
      // The retried "xong" has no desk any more, but finds what it closed.
      expect((await team.justClosedBy(m!))?.id).toBe(id);
      expect((await team.memberClose(m!, id)).kind).toBe('done');
      await jobs.run();
      expect(notifier.to(citizen).map((s) => s.kind)).toEqual(['taken', 'answer', 'closed']);
      expect(notifier.to(m!, 'message')).toHaveLength(1);
      expect((await store.history(id)).filter((e) => e.from !== 'system').map((e) => e.text)).toEqual([
        'Cài VNeID thế nào?',
        'Em gửi thêm',
        'Anh trả lời',
      ]);

      const other = await ask('Câu hỏi thứ hai');
      await team.take(m!, other.id);
      expect((await citizens.withdraw(other.citizen, other.id)).kind).toBe('done');
      expect((await citizens.withdraw(other.citizen, other.id)).kind).toBe('done');
      await jobs.run();
      expect(notifier.to(m!, 'withdrawn')).toHaveLength(1);
    });
  });

  describe('6. an answer through the API that cannot reach the citizen', () => {
    it('is noted `undelivered`, the ticket stays open, and the reply says delivered: false', async () => {
      const { citizen, id } = await ask();
      notifier.unreachable.add(citizen);
      jobs.runAtOnce.add('deliver');
      const outcome = await team.replyFromApi(id, 'Trả lời', true, 'Cán bộ', true);
      expect(outcome).toMatchObject({ kind: 'sent', delivered: false, ticket: { status: 'open' } });
      expect(await events(id)).toEqual(['offered', 'undelivered']);
      expect((await store.get(id))?.firstAnswerAt).toBeUndefined();
    });
  });

  describe('7. passing a ticket to the commune team', () => {
    it('tells the citizen when it was taken, and cannot be done twice', async () => {
      const [m, other] = members;
      const { citizen, id } = await ask();
      await team.take(m!, id);
      await jobs.run();
      expect((await team.passToCommune(m!, id)).kind).toBe('done');
      expect(await team.passToCommune(other!, id)).toEqual({ kind: 'commune-already' });
      await jobs.run();
      expect(notifier.to(citizen).map((s) => s.kind)).toEqual(['taken', 'passed']);
      expect(notifier.to(communeMembers[0]!, 'offer:commune')).toHaveLength(1);
      expect(await team.heldBy(m!)).toBeUndefined();
    });
  });

  describe('8. the team that really gets it', () => {
    it('nobody in the village team reachable (or no members): opened straight at the commune team, which is what the citizen is told', async () => {
      for (const m of members) notifier.unreachable.add(m);
      expect((await citizens.firstTeam(userId(), village)).key).toBe('commune');
      const { citizen, id } = await ask();
      expect(await store.get(id)).toMatchObject({ team: 'commune', escalation: 'unreachable', escalatedAt: expect.any(String) });
      expect(await events(id)).toEqual(['unreachable', 'offered']);
      expect(notifier.to(communeMembers[0]!, 'offer:commune')).toHaveLength(1);
      // The citizen's confirmation named the commune team already: no "passed" notice on top.
      expect(notifier.to(citizen)).toEqual([]);
      // Not taken in time: nothing to escalate, it is with the commune team.
      clock += 31 * 60_000;
      expect(await followUps.takeDue(id, 0)).toBe('skipped');

      const empty = 'Hương Quế Đông'; // a village whose team has no member at all
      expect((await citizens.firstTeam(userId(), empty)).key).toBe('commune');
      expect((await citizens.firstTeam(userId(), village)).key).toBe('commune');
      notifier.unreachable.clear();
      expect((await citizens.firstTeam(userId(), village)).key).toBe(village);
      // The asker alone in their team: their own question goes to the commune team.
      await teams.put(empty, { members: [{ zaloId: members[0]! }] });
      expect((await citizens.firstTeam(members[0]!, empty)).key).toBe('commune');
      expect((await citizens.firstTeam(userId(), empty)).key).toBe(empty);
    });

    it('our ledger said reachable but Zalo refused every member: the commune team, and the citizen hears it moved (once)', async () => {
      for (const m of members) {
        notifier.unreachable.add(m);
        notifier.looksReachable.add(m);
      }
      const { citizen, id } = await ask();
      expect(await store.get(id)).toMatchObject({ team: 'commune', escalation: 'unreachable' });
      await followUps.offer(id, village, 'r0'); // a retried offer job
      await jobs.run();
      expect(notifier.to(citizen).map((s) => s.kind)).toEqual(['passed']);
    });

    it('records why the commune team has it: passed by a member (named), or not taken in time', async () => {
      const [m] = members;
      const passed = await ask();
      await team.passToCommune(m!, passed.id);
      expect(await store.get(passed.id)).toMatchObject({ escalation: 'passed', passedByName: 'Thành viên 1' });
      const late = await ask();
      clock += 31 * 60_000;
      await followUps.takeDue(late.id, 0);
      expect(await store.get(late.id)).toMatchObject({ escalation: 'not-taken' });
      expect((await store.get(late.id))?.passedByName).toBeUndefined();
    });
  });

  describe('9. an answer through the API that does not close the ticket', () => {
    it('takes it for the API: `taken` by the token name, no escalation, replies kept in the history, members told who has it', async () => {
      const [m] = members;
      const { citizen, id } = await ask();
      jobs.runAtOnce.add('deliver');
      const outcome = await team.replyFromApi(id, 'Bạn gửi ảnh màn hình giúp tổ nhé', false, 'Cán bộ Minh', true);
      expect(outcome).toMatchObject({
        kind: 'sent',
        delivered: true,
        ticket: { status: 'taken', takenByName: 'Cán bộ Minh', takenAt: expect.any(String) },
      });
      expect((await store.list('taken', 500)).map((t) => t.id)).toContain(id);
      // The service levels see someone answering.
      clock += 31 * 60_000;
      expect(await followUps.takeDue(id, 0)).toBe('skipped');
      clock += 9 * 3_600_000;
      expect(await followUps.answerDue(id, 0)).toEqual({ outcome: 'skipped', officersTold: 0 });
      // The citizen's reply goes into the ticket (nobody's chat), not to the procedure search.
      expect((await citizens.citizenSays(citizen, { text: 'Đây ạ', id: 'api-1' }))?.id).toBe(id);
      expect((await store.history(id)).at(-1)).toMatchObject({ from: 'citizen', text: 'Đây ạ' });
      // A member pressing the old offer's button is told who answers it.
      expect(await team.take(m!, id)).toEqual({ kind: 'lost', byName: 'Cán bộ Minh' });
      expect(await team.passToCommune(m!, id)).toEqual({ kind: 'lost', byName: 'Cán bộ Minh' });
      await jobs.run();
      expect(notifier.sent.filter((s) => s.kind === 'message')).toEqual([]);
      // The API closes it: no member to tell; the citizen is asked to rate.
      await team.replyFromApi(id, 'Xong rồi nhé', true, 'Cán bộ Minh', true);
      await jobs.run();
      expect(await store.get(id)).toMatchObject({ status: 'closed', closedBy: 'api' });
      expect(notifier.to(citizen).map((s) => s.kind)).toEqual(['answer', 'answer', 'closed']);
      expect(await events(id)).toEqual(['offered', 'taken', 'closed']);
    });

    it('a member holding it keeps it', async () => {
      const [m] = members;
      const { id } = await ask();
      await team.take(m!, id);
      jobs.runAtOnce.add('deliver');
      const outcome = await team.replyFromApi(id, 'Bổ sung', false, 'Cán bộ Minh', true);
      expect(outcome).toMatchObject({ ticket: { status: 'taken', takenBy: m, takenByName: 'Thành viên 1' } });
      expect((await team.heldBy(m!))?.id).toBe(id);
    });
  });

  describe('10. ratings in the satisfaction report', () => {
    const day = (offset: number) => new Date(clock + offset * 86_400_000);

    it('a re-rating replaces the first; reopening takes it out until the ticket is rated again', async () => {
      const [m] = members;
      const { citizen, id } = await ask();
      await team.take(m!, id);
      await team.memberClose(m!);
      const rated = async () => (await store.ratedBetween(day(-1), day(1))).filter((t) => t.id === id).map((t) => t.rating);
      expect(await citizens.rate(citizen, id, 'dissatisfied')).toMatchObject({ kind: 'done' });
      expect(await rated()).toEqual(['dissatisfied']);
      clock += 60_000;
      await citizens.rate(citizen, id, 'satisfied');
      expect(await rated()).toEqual(['satisfied']);
      expect((await store.ratedBetween(day(-1), day(1))).find((t) => t.id === id)?.ratedAt).toBe(new Date(clock).toISOString());
      expect((await citizens.reopen(citizen, id)).kind).toBe('done');
      expect(await rated()).toEqual([]);
      expect(await redis.zScore(keys.ticketRatings, id)).toBeNull();
      await team.take(m!, id);
      await team.memberClose(m!);
      await citizens.rate(citizen, id, 'very_satisfied');
      expect(await rated()).toEqual(['very_satisfied']);
      // Outside the period: not listed.
      expect((await store.ratedBetween(day(-3), day(-2))).map((t) => t.id)).not.toContain(id);
    });
  });

  describe('retention', () => {
    it('a closed ticket expires after the retention; reopened it is kept; the lists drop expired ids', async () => {
      const kept = new TicketStore(redis, keys, 60_000);
      const ticket = await kept.create({ citizenId: userId(), village, question: 'q', photos: [] });
      await kept.transition(ticket.id, { from: ['open'], to: 'closed' });
      expect(await redis.pTTL(keys.ticket(ticket.id))).toBeGreaterThan(0);
      expect(await redis.pTTL(keys.ticketHistory(ticket.id))).toBeGreaterThan(0);
      await kept.transition(ticket.id, { from: ['closed'], to: 'open' });
      expect(await redis.pTTL(keys.ticket(ticket.id))).toBe(-1);
      await redis.del(keys.ticket(ticket.id)); // as if it had expired
      expect((await kept.list('open', 500)).map((t) => t.id)).not.toContain(ticket.id);
      expect(await redis.zScore(keys.ticketsInStatus('open'), ticket.id)).toBeNull();
      expect(await redis.zScore(keys.ticketsAll, ticket.id)).toBeNull();
    });
  });
});
