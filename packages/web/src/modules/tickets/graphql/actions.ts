import { graphql } from "../../../gql";

export const ASSIGN = graphql(`
  mutation AssignTicket($id: ID!, $input: AssignTicketInput!) {
    assignTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const REPLY = graphql(`
  mutation ReplyToTicket($id: ID!, $input: TicketTextInput!) {
    replyToTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const ADD_NOTE = graphql(`
  mutation AddTicketNote($id: ID!, $input: TicketTextInput!) {
    addTicketNote(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const REJECT = graphql(`
  mutation RejectTicket($id: ID!, $input: TicketTextInput!) {
    rejectTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const ESCALATE = graphql(`
  mutation EscalateTicket($id: ID!, $input: TicketTextInput!) {
    escalateTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const REOPEN = graphql(`
  mutation ReopenTicket($id: ID!, $input: TicketTextInput!) {
    reopenTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const MARK_VALID = graphql(`
  mutation MarkComplaintValid($id: ID!, $input: TicketTextInput!) {
    markComplaintValid(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const RESOLVE = graphql(`
  mutation ResolveTicket($id: ID!, $input: ResolveTicketInput!) {
    resolveTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const CLOSE = graphql(`
  mutation CloseTicket($id: ID!, $input: TicketActionInput!) {
    closeTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const RESUME = graphql(`
  mutation ResumeTicket($id: ID!, $input: TicketActionInput!) {
    resumeTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const PAUSE = graphql(`
  mutation PauseTicket($id: ID!, $input: PauseTicketInput!) {
    pauseTicket(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const SET_CLASS = graphql(`
  mutation SetComplaintClass($id: ID!, $input: SetComplaintClassInput!) {
    setComplaintClass(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const EXTEND_DEADLINE = graphql(`
  mutation ExtendTicketDeadline($id: ID!, $input: ExtendDeadlineInput!) {
    extendTicketDeadline(id: $id, input: $input) {
      ...TicketDetail
    }
  }
`);

export const RECORD_FOLLOW_UP = graphql(`
  mutation RecordFollowUpAttempt($id: ID!, $input: FollowUpAttemptInput!) {
    recordFollowUpAttempt(id: $id, input: $input) {
      id
      status
      satisfaction
      ticket {
        ...TicketDetail
      }
    }
  }
`);
