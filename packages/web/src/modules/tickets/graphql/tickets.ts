import { graphql } from "../../../gql";

export const TICKET_ROW = graphql(`
  fragment TicketRow on Ticket {
    id
    number
    status
    type
    severity
    content
    receivedAt
    replyDueAt
    resolveDueAt
    replyOverdue
    resolveOverdue
    office {
      id
      name
    }
    assignee {
      id
      name
    }
  }
`);

export const TICKETS = graphql(`
  query Tickets($filter: TicketFilter, $first: Int!, $after: String) {
    tickets(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...TicketRow
      }
    }
  }
`);

export const TICKET_DETAIL = graphql(`
  fragment TicketDetail on Ticket {
    id
    number
    status
    type
    channel
    severity
    complaintClass
    validity
    validityReason
    anonymous
    content
    contactName
    contactPhone
    complainantCount
    receivedAt
    replyDueAt
    resolveDueAt
    hardLimitAt
    replyOverdue
    resolveOverdue
    hardLimitPassed
    firstRepliedAt
    resolvedAt
    closedAt
    department
    instruction
    resolution
    escalatedAt
    escalationReason
    paused
    pauseReason
    reopenCount
    version
    allowedActions
    office {
      id
      name
    }
    customer {
      id
      name
      phone
    }
    unit {
      id
      building
      number
      property {
        id
        name
      }
    }
    receiver {
      id
      name
    }
    assignee {
      id
      name
    }
    timeline {
      id
      seq
      kind
      at
      note
      actor {
        id
        name
      }
      changes {
        field
        from
        to
      }
    }
    followUps {
      id
      status
      round
      dueAt
      overdue
      method
      satisfaction
      comment
      completedAt
      attemptCount
      version
      exemption
      assignee {
        id
        name
      }
    }
    spotChecks {
      id
      status
      satisfaction
      agrees
      comment
      checkedAt
      version
      checkedBy {
        id
        name
      }
    }
  }
`);

export const TICKET = graphql(`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      ...TicketDetail
    }
  }
`);

export const TICKET_DEADLINES = graphql(`
  query TicketDeadlines($type: TicketType!, $severity: Severity, $channel: Channel!, $at: DateTimeISO) {
    ticketDeadlines(type: $type, severity: $severity, channel: $channel, at: $at) {
      replyDueAt
      resolveDueAt
      hardLimitAt
    }
  }
`);

export const REGISTER_TICKET = graphql(`
  mutation RegisterTicket($input: RegisterTicketInput!) {
    registerTicket(input: $input) {
      ...TicketDetail
    }
  }
`);

export const REGISTER_OPTIONS = graphql(`
  query RegisterOptions($officeId: ID) {
    offices(kind: OFFICE, first: 200) {
      nodes {
        id
        name
      }
    }
    properties(officeId: $officeId, first: 200) {
      nodes {
        id
        name
        office {
          id
        }
      }
    }
  }
`);

export const PROPERTY_UNITS = graphql(`
  query PropertyUnits($propertyId: ID!, $building: String) {
    units(propertyId: $propertyId, building: $building, first: 500) {
      nodes {
        id
        building
        number
      }
    }
  }
`);

export const CUSTOMER_SEARCH = graphql(`
  query CustomerSearch($search: String!, $officeId: ID) {
    customers(search: $search, officeId: $officeId, first: 8) {
      nodes {
        id
        name
        phone
        office {
          id
          name
        }
        units {
          relation
          unit {
            id
            building
            number
            property {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const OFFICE_STAFF = graphql(`
  query OfficeStaff($officeId: ID!) {
    staffMembers(officeId: $officeId, active: true, first: 200) {
      nodes {
        id
        name
        role
      }
    }
  }
`);
