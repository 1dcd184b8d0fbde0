import { graphql } from "../../../gql";

export const BOARD_CARD = graphql(`
  fragment BoardCard on TicketCard {
    id
    number
    officeId
    status
    type
    severity
    channel
    complaintClass
    content
    contactName
    receivedAt
    replyDueAt
    resolveDueAt
    hardLimitAt
    replyOverdue
    resolveOverdue
    escalated
    paused
    reopenCount
    timeUsed
    receiverName
    assigneeName
    department
  }
`);

export const BOARD = graphql(`
  query Board($officeId: ID!) {
    board(officeId: $officeId) {
      asOfSequence
      office {
        id
        name
      }
      newTickets {
        ...BoardCard
      }
      inProgress {
        ...BoardCard
      }
      overdue {
        ...BoardCard
      }
    }
  }
`);

export const BOARD_EVENTS = graphql(`
  subscription BoardEvents($officeId: ID!, $after: Int) {
    ticketEvents(officeId: $officeId, after: $after) {
      sequence
      kind
      ticketId
      officeId
      at
      ticket {
        ...BoardCard
      }
    }
  }
`);

export const BOARD_OFFICES = graphql(`
  query BoardOffices {
    offices(kind: OFFICE, first: 200) {
      nodes {
        id
        name
        code
      }
    }
  }
`);
