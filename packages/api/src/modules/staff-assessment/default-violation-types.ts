export interface DefaultViolationType {
  code: string;
  name: string;
  kind: "DEDUCTION" | "BONUS";
  severity: "LIGHT" | "MODERATE" | "SEVERE" | null;
  points: number;
}

/**
 * The monthly assessment catalogue every group starts with: the severe violations and their points from the
 * customer-service staff regulation (seed 003, 重度违规), and two common bonuses (not from the seed) that groups
 * edit to their own rules. Score = 100 − deductions + bonuses.
 */
export const DEFAULT_VIOLATION_TYPES: readonly DefaultViolationType[] = [
  { code: "ABSENCE", name: "旷工", kind: "DEDUCTION", severity: "SEVERE", points: 20 },
  {
    code: "CUSTOMER_QUARREL",
    name: "当班时间与客户发生口角争执或冲突（有效投诉）",
    kind: "DEDUCTION",
    severity: "SEVERE",
    points: 20,
  },
  { code: "OUTSIDER_IN_WORK_AREA", name: "将非公司人员带入工作区域", kind: "DEDUCTION", severity: "SEVERE", points: 10 },
  {
    code: "EQUIPMENT_REMOVED",
    name: "未经允许私自拆卸公司设备带出公司（同时照价赔偿）",
    kind: "DEDUCTION",
    severity: "SEVERE",
    points: 20,
  },
  {
    code: "DUTIES_NOT_FULFILLED",
    name: "当月未良好履行客服人员工作职责（违反中度违规两条或以上，或轻度违规四条或以上）",
    kind: "DEDUCTION",
    severity: "SEVERE",
    points: 20,
  },
  {
    code: "EMERGENCY_LATE",
    name: "未在流程控制时间内处理突发事件，超过30分钟",
    kind: "DEDUCTION",
    severity: "SEVERE",
    points: 20,
  },
  { code: "CUSTOMER_PRAISE", name: "收到业主表扬信或锦旗", kind: "BONUS", severity: null, points: 5 },
  { code: "SUGGESTION_ADOPTED", name: "合理化建议被采纳", kind: "BONUS", severity: null, points: 3 },
];
