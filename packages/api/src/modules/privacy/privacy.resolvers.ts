import { PersonalDataAccessResolver } from "./access-log.resolver";
import { CustomerPersonalDataResolver, StaffPersonalDataResolver, TicketPersonalDataResolver } from "./personal-data.resolver";
import { SensitiveNoteResolver } from "./sensitive-note.resolver";

/** Everything that serves personal data: masked or in full (recorded), sensitive notes, and the access log. */
export const PERSONAL_DATA_RESOLVERS = [
  CustomerPersonalDataResolver,
  TicketPersonalDataResolver,
  StaffPersonalDataResolver,
  SensitiveNoteResolver,
  PersonalDataAccessResolver,
] as const;
