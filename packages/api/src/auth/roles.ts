import { registerEnumType } from "type-graphql";

/** Staff roles. Head-office roles see every office of their tenant; office roles see their own office. */
export enum Role {
  HEAD_OFFICE_ADMIN = "HEAD_OFFICE_ADMIN",
  HEAD_OFFICE_MANAGER = "HEAD_OFFICE_MANAGER",
  OFFICE_MANAGER = "OFFICE_MANAGER",
  OFFICE_STAFF = "OFFICE_STAFF",
}

registerEnumType(Role, {
  name: "Role",
  description: "What a staff member may see and do.",
  valuesConfig: {
    HEAD_OFFICE_ADMIN: {
      description: "Head-office administrator (总部管理员): manages offices, staff, policies and API tokens.",
    },
    HEAD_OFFICE_MANAGER: { description: "Head-office manager (总部/管理部): compares offices, spot-checks follow-ups." },
    OFFICE_MANAGER: { description: "Management-office manager (管理处主任): runs one office, assigns and escalates." },
    OFFICE_STAFF: { description: "Office staff (楼管员/客服): registers, handles and follows up requests." },
  },
});

export const HEAD_OFFICE_ROLES: readonly Role[] = [Role.HEAD_OFFICE_ADMIN, Role.HEAD_OFFICE_MANAGER];
export const OFFICE_ROLES: readonly Role[] = [Role.OFFICE_MANAGER, Role.OFFICE_STAFF];

export const isHeadOfficeRole = (role: Role): boolean => HEAD_OFFICE_ROLES.includes(role);
