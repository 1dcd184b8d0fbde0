import type { EntityManager } from "@mikro-orm/postgresql";
import { Role } from "../auth/roles";
import { Customer, CustomerKind } from "../modules/customer/customer.entity";
import { SensitiveNoteCategory } from "../modules/privacy/privacy.enums";
import { SensitiveNote } from "../modules/privacy/sensitive-note.entity";
import { Staff } from "../modules/staff/staff.entity";
import { Office, OfficeKind } from "../modules/tenancy/office.entity";
import type { SeededRandom } from "./random";

/** What offices write down about residents who need special care (only the office's own staff ever read it). */
const NOTES: [SensitiveNoteCategory, string][] = [
  [SensitiveNoteCategory.ELDERLY_LIVING_ALONE, "空巢老人，独居，子女在外地工作；每周三上门探访，节假日电话问候。"],
  [SensitiveNoteCategory.HEALTH, "患高血压、糖尿病，家中备有胰岛素；停水停电须提前上门告知。"],
  [SensitiveNoteCategory.ELDERLY_LIVING_ALONE, "独居老人，听力较弱，敲门需稍候；紧急联系人为女儿（见档案）。"],
  [SensitiveNoteCategory.MOBILITY, "行动不便，使用轮椅；电梯检修时须安排人员协助上下楼。"],
  [SensitiveNoteCategory.HEALTH, "有心脏病史，曾两次送医；如长时间无人应门请立即联系紧急联系人。"],
  [SensitiveNoteCategory.ELDERLY_LIVING_ALONE, "空巢老人，老伴去年去世，情绪低落；回访请耐心，多关心。"],
  [SensitiveNoteCategory.FAMILY_SITUATION, "家庭纠纷中，勿向来访者透露其住址与在家时间。"],
];

/**
 * A few sensitive notes per management office (elderly residents living alone — 空巢老人 — health, mobility),
 * written by the office's manager about owners of that office.
 */
export async function seedDemoSensitiveNotes(em: EntityManager, random: SeededRandom, perOffice: number): Promise<number> {
  const offices = await em.find(Office, { kind: OfficeKind.OFFICE }, { orderBy: { code: "asc" } });
  let written = 0;
  for (const office of offices) {
    const author = await em.findOne(Staff, { office, role: Role.OFFICE_MANAGER }, { orderBy: { email: "asc" } });
    if (!author) continue;
    const owners = await em.find(Customer, { office, kind: CustomerKind.OWNER }, { orderBy: { id: "asc" }, limit: 200 });
    const chosen = new Set<Customer>();
    while (chosen.size < Math.min(perOffice, owners.length)) chosen.add(random.pick(owners));
    for (const customer of chosen) {
      const [category, text] = random.pick(NOTES);
      em.create(SensitiveNote, { customer, category, text, createdBy: author });
      written++;
    }
  }
  await em.flush();
  return written;
}
