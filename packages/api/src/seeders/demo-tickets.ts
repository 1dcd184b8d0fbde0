import type { EntityManager } from "@mikro-orm/postgresql";
import { DateTime } from "luxon";
import { FollowUp } from "../modules/follow-ups/follow-up.entity";
import { FollowUpAttempt } from "../modules/follow-ups/follow-up-attempt.entity";
import {
  FollowUpExemption,
  FollowUpMethod,
  FollowUpOutcome,
  FollowUpStatus,
  Satisfaction,
} from "../modules/follow-ups/follow-up.enums";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerUnit } from "../modules/customer/customer-unit.entity";
import { Unit } from "../modules/property/unit.entity";
import { dueAt, workingCalendar } from "../modules/sla/deadline";
import { defaultServicePolicy, matchRule } from "../modules/sla/sla-defaults";
import { Staff } from "../modules/staff/staff.entity";
import { Role } from "../auth/roles";
import { CHINA_PUBLIC_CALENDAR } from "../modules/tenancy/default-calendar";
import { Office, OfficeKind } from "../modules/tenancy/office.entity";
import { Ticket } from "../modules/tickets/ticket.entity";
import {
  Channel,
  ComplaintClass,
  PauseReason,
  SEVERITIES_BY_TYPE,
  TicketStatus,
  TicketType,
} from "../modules/tickets/ticket.enums";
import { TicketEvent, TicketEventKind } from "../modules/tickets/ticket-event.entity";
import * as lc from "../modules/tickets/ticket-lifecycle";
import type { Transition } from "../modules/tickets/ticket-lifecycle";
import { drawSample } from "../modules/spot-checks/sampling";
import { SpotCheck, SpotCheckStatus } from "../modules/spot-checks/spot-check.entity";
import { SpotCheckSampler } from "../modules/spot-checks/spot-check.enums";
import { SpotCheckSample } from "../modules/spot-checks/spot-check-sample.entity";
import { isSatisfied } from "../modules/follow-ups/follow-up.enums";
import type { SeededRandom } from "./random";

const ZONE = "Asia/Shanghai";
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const CONTENT: Record<TicketType, string[]> = {
  REPAIR: [
    "厨房水龙头漏水",
    "卫生间下水道堵塞",
    "客厅灯具不亮",
    "入户门锁损坏",
    "空调外机噪音大",
    "阳台排水不畅",
    "墙面渗水发霉",
    "电梯按钮失灵",
    "楼道灯不亮",
    "对讲门禁故障",
    "热水器无法点火",
    "窗户密封条老化漏风",
    "马桶水箱漏水",
    "配电箱跳闸",
  ],
  COMPLAINT: [
    "楼上装修噪音扰民",
    "保安人员态度生硬",
    "绿化带垃圾无人清理",
    "地下车库照明不足",
    "物业费上涨未提前公示",
    "电梯故障多日未修复",
    "快递堆放占用消防通道",
    "夜间施工噪音影响休息",
    "宠物粪便无人清理",
    "车位被外来车辆占用",
    "维修人员多次爽约",
    "楼道保洁不到位有异味",
  ],
  HELP: [
    "老人在家摔倒需要协助",
    "钥匙锁在家中请求开门",
    "帮忙搬运大件家具",
    "家中突然停电请求排查",
    "孩子被困电梯",
    "请帮忙联系120急救",
  ],
  CONSULTATION: [
    "咨询物业费缴纳方式",
    "咨询装修申请流程",
    "咨询车位租赁价格",
    "咨询门禁卡补办",
    "咨询水电费计费标准",
    "咨询小区停水安排",
  ],
  SUGGESTION: [
    "建议增加儿童游乐设施",
    "建议延长会所开放时间",
    "建议增设电动车充电桩",
    "建议加强夜间巡逻",
    "建议增加垃圾分类指引",
  ],
  COORDINATION: ["楼上漏水影响楼下，需要协调", "邻居在公共走廊堆放杂物", "邻里噪音纠纷需要调解", "共用管道维修费用分摊"],
  QUALITY: ["保洁员未按时清扫楼道", "绿化修剪不及时", "维修后问题未彻底解决", "客服电话长时间无人接听"],
};

const RESOLUTION: Record<TicketType, string[]> = {
  REPAIR: ["已安排维修师傅上门更换配件", "已疏通管道并清理现场", "已更换灯具并测试正常", "已维修完毕，业主确认"],
  COMPLAINT: ["已与相关方沟通并整改", "已约谈当事员工并向业主致歉", "已加派人手清理并加强巡查", "已协调施工方调整作业时间"],
  HELP: ["已派员到场协助处理", "已协助开门并核实身份", "已联系家属并陪同就医"],
  CONSULTATION: ["已电话答复业主", "已书面回复并附办理指引", "已当面解答"],
  SUGGESTION: ["建议已采纳，纳入下季度计划", "已转交管理处研究并答复业主"],
  COORDINATION: ["已组织双方协商达成一致", "已上门协调并拍照留存"],
  QUALITY: ["已对责任岗位进行整改培训", "已重新安排并复查合格"],
};

const DEPARTMENTS: Partial<Record<TicketType, string>> = {
  REPAIR: "工程部",
  COMPLAINT: "客服部",
  HELP: "秩序维护部",
  COORDINATION: "客服部",
  QUALITY: "品质部",
};

/**
 * How an office performs: share of follow-ups rated top-2, chance to meet each deadline, chance of a reopen,
 * chance that a follow-up is done at all (the rest are never reached and stay pending).
 */
interface Profile {
  satisfied: number;
  onTime: number;
  reopen: number;
  followUp: number;
}

const PROFILES: Record<string, Profile> = {
  CH: { satisfied: 0.995, onTime: 0.95, reopen: 0.01, followUp: 0.995 },
  JG: { satisfied: 0.99, onTime: 0.93, reopen: 0.015, followUp: 0.99 },
  YX: { satisfied: 0.89, onTime: 0.78, reopen: 0.08, followUp: 0.9 },
  HJ: { satisfied: 0.985, onTime: 0.92, reopen: 0.015, followUp: 0.985 },
  FL: { satisfied: 0.975, onTime: 0.9, reopen: 0.025, followUp: 0.98 },
  BJ: { satisfied: 0.99, onTime: 0.94, reopen: 0.01, followUp: 0.99 },
};
const DEFAULT_PROFILE: Profile = { satisfied: 0.97, onTime: 0.92, reopen: 0.03, followUp: 0.99 };

const TYPE_MIX: [TicketType, number][] = [
  [TicketType.REPAIR, 40],
  [TicketType.COMPLAINT, 15],
  [TicketType.CONSULTATION, 15],
  [TicketType.HELP, 12],
  [TicketType.SUGGESTION, 6],
  [TicketType.COORDINATION, 6],
  [TicketType.QUALITY, 6],
];
const CHANNEL_MIX: [Channel, number][] = [
  [Channel.PHONE, 50],
  [Channel.VISIT, 25],
  [Channel.ONLINE, 20],
  [Channel.LETTER, 5],
];

interface OfficeWorld {
  office: Office;
  manager: Staff;
  staff: Staff[];
  occupied: { unit: Unit; customer: Customer }[];
  profile: Profile;
}

/** The simulated history of one ticket: its entity state plus everything to insert with it. */
interface Simulated {
  ticket: Ticket;
  events: { t: Transition; actor: string | null; at: Date }[];
  followUps: FollowUp[];
  attempts: FollowUpAttempt[];
}

const policy = defaultServicePolicy();
const calendar = workingCalendar(CHINA_PUBLIC_CALENDAR);

/**
 * Plays one request through the same lifecycle functions the API uses, at historical times: registration,
 * assignment, reply, work (sometimes paused or extended), resolution, follow-up (sometimes dissatisfied, then
 * reopened and resolved again). Steps later than `now` do not happen, so recent tickets stay open (some
 * overdue).
 */
function simulate(em: EntityManager, world: OfficeWorld, random: SeededRandom, receivedAt: Date, now: Date): Simulated {
  const { office, manager, profile } = world;
  const type = random.weighted(TYPE_MIX);
  const channel = random.weighted(CHANNEL_MIX);
  const severities = SEVERITIES_BY_TYPE[type];
  const severity = severities.length ? severities[random.chance(0.7) ? 0 : random.int(0, severities.length - 1)]! : null;
  const receiver = random.pick(world.staff);
  const anonymous = type === TicketType.SUGGESTION && random.chance(0.2);
  const target = anonymous ? null : random.pick(world.occupied);
  const complainants = type === TicketType.COMPLAINT && random.chance(0.02) ? random.int(10, 30) : 1;
  const rule = matchRule(policy.rules, { type, severity, channel });
  const due = (spec: Parameters<typeof dueAt>[0] | null | undefined) => (spec ? dueAt(spec, receivedAt, ZONE, calendar) : null);
  const ticket = em.create(Ticket, {
    number: "",
    office,
    property: target ? target.unit.property : null,
    unit: target?.unit ?? null,
    customer: target?.customer ?? null,
    type,
    channel,
    severity,
    complaintClass:
      type === TicketType.COMPLAINT
        ? complainants >= lc.MAJOR_COMPLAINANTS
          ? ComplaintClass.MAJOR
          : ComplaintClass.GENERAL
        : null,
    anonymous,
    contactName: target?.customer.name ?? null,
    contactPhone: target?.customer.phone ?? null,
    content: random.pick(CONTENT[type]),
    complainantCount: complainants,
    receivedAt,
    receiver,
    replyDueAt: due(rule?.reply),
    resolveDueAt: due(rule?.resolve),
    hardLimitAt: due(rule?.hardLimit),
    createdAt: receivedAt,
    updatedAt: receivedAt,
  });
  const sim: Simulated = { ticket, events: [], followUps: [], attempts: [] };
  const at = (t: Transition, actor: Staff | null, when: Date) => {
    sim.events.push({ t, actor: actor?.id ?? null, at: when });
    ticket.updatedAt = when;
  };
  at(
    { kind: TicketEventKind.CREATED, changes: { status: [null, TicketStatus.NEW], type: [null, type] }, note: null },
    receiver,
    receivedAt,
  );

  let clock = receivedAt.getTime();
  const step = (minMinutes: number, maxMinutes: number) => (clock += random.int(minMinutes, maxMinutes) * MIN);
  const onTime = random.chance(profile.onTime);
  const happened = () => clock <= now.getTime();

  // Consultations are usually answered on the spot.
  if (type === TicketType.CONSULTATION && channel !== Channel.LETTER && random.chance(0.7)) {
    step(2, 12);
    if (!happened()) return sim;
    at(lc.resolve(ticket, random.pick(RESOLUTION[type]), new Date(clock)), receiver, new Date(clock));
    sim.followUps.push(followUp(em, ticket, new Date(clock), FollowUpExemption.RESOLVED_ON_SPOT_CONFIRMED, receiver));
    at(
      {
        kind: TicketEventKind.FOLLOW_UP_EXEMPTED,
        changes: { followUp: [null, FollowUpExemption.RESOLVED_ON_SPOT_CONFIRMED] },
        note: "业主当场确认",
      },
      receiver,
      new Date(clock),
    );
    at(lc.close(ticket, new Date(clock), "No follow-up needed."), receiver, new Date(clock));
    return sim;
  }

  step(5, 90);
  // Some of today's requests are still waiting to be assigned.
  if (now.getTime() - receivedAt.getTime() < DAY && random.chance(0.3)) clock = now.getTime() + HOUR;
  if (!happened()) return sim;
  const assignee = random.pick(world.staff);
  at(
    lc.assign(
      ticket,
      { assigneeId: assignee.id, department: DEPARTMENTS[type] ?? null, instruction: "请按时限处理并回复业主" },
      null,
    ),
    manager,
    new Date(clock),
  );
  ticket.assignee = em.getReference(Staff, assignee.id, { wrapped: true });

  if (ticket.replyDueAt) {
    const window = Math.max(10, (ticket.replyDueAt.getTime() - clock) / MIN);
    clock += (onTime ? random.int(1, Math.floor(window * 0.8)) : Math.floor(window) + random.int(10, 240)) * MIN;
    if (!happened()) return sim;
    at(lc.reply(ticket, "已收到您的诉求，正在安排处理", new Date(clock)), assignee, new Date(clock));
  }
  step(20, 240);
  if (!happened()) return sim;
  at(lc.addNote(ticket, "已联系业主并现场查看"), assignee, new Date(clock));

  if (type === TicketType.REPAIR && random.chance(0.12)) {
    step(10, 120);
    if (!happened()) return sim;
    at(lc.pause(ticket, PauseReason.WAITING_FOR_PARTS, "等待配件到货", new Date(clock)), assignee, new Date(clock));
    step(6 * 60, 48 * 60);
    if (!happened()) return sim;
    at(lc.resume(ticket, new Date(clock)), assignee, new Date(clock));
  }
  if (type === TicketType.COMPLAINT && random.chance(0.1)) {
    at(lc.reject(ticket, "经核实不属于物业服务范围", new Date(clock)), manager, new Date(clock));
    return sim;
  }

  const resolveBy = ticket.resolveDueAt?.getTime() ?? clock + random.int(2, 20) * DAY;
  const span = Math.max(30 * MIN, resolveBy - clock);
  clock += onTime ? random.int(Math.floor(span * 0.1), Math.floor(span * 0.9)) : span + random.int(1, 72) * HOUR;
  // The last few days' requests pile up a little, as on any real board.
  if (now.getTime() - receivedAt.getTime() < 3 * DAY && random.chance(0.4)) clock += random.int(12, 96) * HOUR;
  if (!happened()) return sim;
  if (type === TicketType.COMPLAINT) at(lc.markValid(ticket, "经核实属实"), manager, new Date(clock));

  for (let round = 1; round <= 3; round++) {
    at(lc.resolve(ticket, random.pick(RESOLUTION[type]), new Date(clock)), assignee, new Date(clock));
    ticket.resolvedBy = em.getReference(Staff, assignee.id, { wrapped: true });
    const task = followUp(em, ticket, new Date(clock), anonymous ? FollowUpExemption.ANONYMOUS : null, receiver);
    sim.followUps.push(task);
    if (anonymous) {
      at(
        { kind: TicketEventKind.FOLLOW_UP_EXEMPTED, changes: { followUp: [null, FollowUpExemption.ANONYMOUS] }, note: null },
        receiver,
        new Date(clock),
      );
      at(lc.close(ticket, new Date(clock), "No follow-up needed."), receiver, new Date(clock));
      return sim;
    }
    step(20 * 60, 4 * 24 * 60);
    if (!happened()) return sim;
    if (random.chance(0.15)) {
      sim.attempts.push(attempt(em, task, receiver, FollowUpMethod.PHONE, FollowUpOutcome.NO_ANSWER, new Date(clock)));
      at(
        { kind: TicketEventKind.FOLLOW_UP_ATTEMPTED, changes: { outcome: [null, FollowUpOutcome.NO_ANSWER] }, note: null },
        receiver,
        new Date(clock),
      );
      step(60, 24 * 60);
      if (!happened()) return sim;
    }
    if (!random.chance(profile.followUp)) return sim;
    const dissatisfied = round < 3 && random.chance(profile.reopen);
    const rating = dissatisfied
      ? random.pick([Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED])
      : random.chance(profile.satisfied)
        ? random.pick([Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED, Satisfaction.SATISFIED])
        : random.pick([Satisfaction.NEUTRAL, Satisfaction.NEUTRAL, Satisfaction.DISSATISFIED]);
    const method = random.pick([FollowUpMethod.PHONE, FollowUpMethod.PHONE, FollowUpMethod.HOME_VISIT, FollowUpMethod.ONLINE]);
    sim.attempts.push(attempt(em, task, receiver, method, FollowUpOutcome.REACHED, new Date(clock)));
    Object.assign(task, {
      status: FollowUpStatus.COMPLETED,
      satisfaction: rating,
      method,
      completedAt: new Date(clock),
      completedBy: em.getReference(Staff, receiver.id, { wrapped: true }),
    });
    at({ kind: TicketEventKind.FOLLOWED_UP, changes: { satisfaction: [null, rating] }, note: null }, receiver, new Date(clock));
    if (rating !== Satisfaction.DISSATISFIED && rating !== Satisfaction.VERY_DISSATISFIED) {
      at(lc.close(ticket, new Date(clock), "Followed up."), receiver, new Date(clock));
      return sim;
    }
    const fresh = rule?.resolve ? dueAt(rule.resolve, new Date(clock), ZONE, calendar) : null;
    at(lc.reopen(ticket, "回访不满意，重新处理", fresh, new Date(clock)), manager, new Date(clock));
    step(2 * 60, 3 * 24 * 60);
    if (!happened()) return sim;
  }
  return sim;
}

function followUp(
  em: EntityManager,
  ticket: Ticket,
  resolvedAt: Date,
  exemption: FollowUpExemption | null,
  assignee: Staff,
): FollowUp {
  return em.create(FollowUp, {
    ticket,
    office: ticket.office,
    round: ticket.reopenCount + 1,
    status: exemption ? FollowUpStatus.EXEMPTED : FollowUpStatus.PENDING,
    dueAt: new Date(resolvedAt.getTime() + policy.followUpDueDays * DAY),
    assignee,
    exemption,
    completedAt: exemption ? resolvedAt : null,
    createdAt: resolvedAt,
    updatedAt: resolvedAt,
  });
}

function attempt(
  em: EntityManager,
  task: FollowUp,
  by: Staff,
  method: FollowUpMethod,
  outcome: FollowUpOutcome,
  at: Date,
): FollowUpAttempt {
  task.attemptCount += 1;
  return em.create(FollowUpAttempt, { followUp: task, by, method, outcome, at, createdAt: at, updatedAt: at });
}

/**
 * Six months of customer requests for every office of a group, played through the real lifecycle, with
 * office-specific performance (one office lags on satisfaction and deadlines). Numbers per office and local
 * day are assigned in order, and the counters are set so new registrations continue the sequence.
 */
export async function seedDemoTickets(em: EntityManager, random: SeededRandom, now: Date, months = 6): Promise<number> {
  const offices = await em.find(Office, { kind: OfficeKind.OFFICE }, { orderBy: { code: "asc" } });
  const staff = await em.find(Staff, { active: true });
  const links = await em.find(CustomerUnit, {}, { populate: ["customer", "unit.property"], orderBy: { createdAt: "asc" } });
  const unitsByOffice = new Map<string, { unit: Unit; customer: Customer }[]>();
  for (const link of links) {
    const unit = link.unit.getEntity();
    const officeId = unit.property.getEntity().office.id;
    if (!unitsByOffice.has(officeId)) unitsByOffice.set(officeId, []);
    unitsByOffice.get(officeId)!.push({ unit, customer: link.customer.getEntity() });
  }

  const start = DateTime.fromJSDate(now, { zone: ZONE }).minus({ months }).startOf("day");
  let created = 0;
  for (const office of offices) {
    const world: OfficeWorld = {
      office,
      manager: staff.find((s) => s.office.id === office.id && s.role === Role.OFFICE_MANAGER)!,
      staff: staff.filter((s) => s.office.id === office.id && s.role === Role.OFFICE_STAFF),
      occupied: unitsByOffice.get(office.id) ?? [],
      profile: PROFILES[office.code] ?? DEFAULT_PROFILE,
    };
    if (!world.manager || !world.staff.length || !world.occupied.length) continue;
    // About 0.12 requests per unit and month, spread over the days.
    const perDay = (world.occupied.length * 0.12) / 30;
    const counters = new Map<string, number>();
    for (let day = start; day.toJSDate() < now; day = day.plus({ days: 1 })) {
      const count =
        Math.floor(perDay) + (random.chance(perDay - Math.floor(perDay)) ? 1 : 0) + (random.chance(0.3) ? random.int(0, 2) : 0);
      const times = Array.from({ length: count }, () => day.plus({ minutes: random.int(8 * 60, 20 * 60) }).toJSDate()).sort(
        (a, b) => a.getTime() - b.getTime(),
      );
      for (const receivedAt of times) {
        if (receivedAt >= now) continue;
        const sim = simulate(em, world, random, receivedAt, now);
        const key = day.toISODate()!;
        const seq = (counters.get(key) ?? 0) + 1;
        counters.set(key, seq);
        sim.ticket.number = `${office.code}-${key.replace(/-/g, "")}-${String(seq).padStart(3, "0")}`;
        const timed = lc.applyTimeRules(sim.ticket, now);
        if (timed) sim.events.push({ t: timed, actor: null, at: now });
        for (const e of sim.events) {
          em.create(TicketEvent, {
            ticket: sim.ticket,
            office,
            kind: e.t.kind,
            changes: e.t.changes,
            note: e.t.note,
            actor: e.actor ? em.getReference(Staff, e.actor, { wrapped: true }) : null,
            at: e.at,
          });
        }
        created++;
      }
    }
    for (const [day, last] of counters) {
      await em.execute(
        "insert into ticket_counter (tenant_id, office_id, day, last) values (?, ?, ?, ?) on conflict do nothing",
        [office.tenantId, office.id, day, last],
      );
    }
    await em.flush();
  }
  return created;
}

/**
 * Monthly head-office spot checks (management department: 10% of complaints, 1% of help) for the finished
 * months, drawn like the API draws them and mostly recorded, a few disagreeing with the office.
 */
export async function seedDemoSpotChecks(
  em: EntityManager,
  random: SeededRandom,
  now: Date,
  drawnBy: Staff,
  months = 5,
): Promise<void> {
  const thisMonth = DateTime.fromJSDate(now, { zone: ZONE }).startOf("month");
  for (let m = months; m >= 1; m--) {
    const from = thisMonth.minus({ months: m }).toJSDate();
    const to = thisMonth.minus({ months: m - 1 }).toJSDate();
    const followUps = await em.find(
      FollowUp,
      { status: FollowUpStatus.COMPLETED, completedAt: { $gte: from, $lt: to } },
      { populate: ["ticket"] },
    );
    const latest = new Map<string, FollowUp>();
    for (const f of followUps) latest.set(f.ticket.id, f);
    const seed = random.int(1, 1_000_000);
    const drawn = drawSample(
      [...latest.values()].map((f) => ({ ticketId: f.ticket.id, type: f.ticket.getEntity().type })),
      policy.spotCheckRates,
      SpotCheckSampler.HEAD_OFFICE_MANAGEMENT,
      seed,
    );
    const drawnAt = new Date(to.getTime() + 2 * DAY);
    const sample = em.create(SpotCheckSample, {
      sampler: SpotCheckSampler.HEAD_OFFICE_MANAGEMENT,
      periodFrom: from,
      periodTo: to,
      seed,
      population: latest.size,
      sampleSize: drawn.length,
      drawnAt,
      drawnBy,
    });
    for (const ticketId of drawn) {
      const f = latest.get(ticketId)!;
      const check = em.create(SpotCheck, {
        sample,
        ticket: f.ticket,
        followUp: f,
        office: f.office,
        followedUpAt: f.completedAt!,
        createdAt: drawnAt,
      });
      if (random.chance(0.85)) {
        const agrees = random.chance(0.88);
        const officeSatisfied = isSatisfied(f.satisfaction!);
        const rating =
          agrees === officeSatisfied
            ? random.pick([Satisfaction.SATISFIED, Satisfaction.VERY_SATISFIED])
            : random.pick([Satisfaction.NEUTRAL, Satisfaction.DISSATISFIED]);
        Object.assign(check, {
          status: SpotCheckStatus.DONE,
          satisfaction: rating,
          agrees: isSatisfied(rating) === officeSatisfied,
          checkedAt: new Date(drawnAt.getTime() + random.int(1, 5) * DAY),
          checkedBy: em.getReference(Staff, drawnBy.id, { wrapped: true }),
        });
        em.create(TicketEvent, {
          ticket: f.ticket,
          office: f.office,
          kind: TicketEventKind.SPOT_CHECKED,
          changes: { spotCheck: [f.satisfaction, rating], agrees: [null, check.agrees] },
          note: null,
          actor: em.getReference(Staff, drawnBy.id, { wrapped: true }),
          at: check.checkedAt!,
        });
      }
    }
  }
  await em.flush();
}
