import { graphql } from "../../../gql";

export const PENDING_SPOT_CHECKS = graphql(`
  query PendingSpotChecks($first: Int!) {
    spotChecks(status: PENDING, first: $first) {
      totalCount
      nodes {
        id
        version
        followedUpAt
        office {
          id
          name
        }
        ticket {
          id
          number
          type
          content
        }
        followUp {
          id
          satisfaction
          method
        }
      }
    }
  }
`);

export const DRAW_SAMPLE = graphql(`
  mutation DrawSpotCheckSample($input: DrawSpotCheckSampleInput!) {
    drawSpotCheckSample(input: $input) {
      id
      population
      sampleSize
    }
  }
`);

export const RECORD_SPOT_CHECK = graphql(`
  mutation RecordSpotCheck($id: ID!, $input: RecordSpotCheckInput!) {
    recordSpotCheck(id: $id, input: $input) {
      id
      status
      agrees
      satisfaction
    }
  }
`);
