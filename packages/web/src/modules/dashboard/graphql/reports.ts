import { graphql } from "../../../gql";

export const RATE = graphql(`
  fragment RateParts on Rate {
    value
    numerator
    denominator
  }
`);

export const COMPARISON_ROW = graphql(`
  fragment ComparisonRow on OfficeComparisonRow {
    officeId
    office {
      id
      name
      code
    }
    satisfaction {
      ...RateParts
    }
    followUpRate {
      ...RateParts
    }
    collectionRate {
      ...RateParts
    }
    replyCompliance {
      ...RateParts
    }
    resolveCompliance {
      ...RateParts
    }
    spotCheckDisagreement {
      ...RateParts
    }
    overdueNow
    complaints
    complaintsPer100Units
    tickets
    units
    belowTarget
  }
`);

export const OFFICE_COMPARISON = graphql(`
  query OfficeComparison($from: LocalDate!, $to: LocalDate!) {
    officeComparison(from: $from, to: $to) {
      from
      to
      asOf
      timeZone
      targets {
        satisfaction
        collection
      }
      rows {
        ...ComparisonRow
      }
      total {
        ...ComparisonRow
      }
    }
  }
`);

export const MONTHLY_TRENDS = graphql(`
  query MonthlyTrends($from: LocalDate!, $to: LocalDate!, $officeId: ID, $groupBy: [ReportGrouping!]!) {
    satisfactionReport(from: $from, to: $to, officeId: $officeId, groupBy: $groupBy) {
      month
      officeId
      office {
        id
        name
      }
      satisfaction {
        ...RateParts
      }
    }
    followUpReport(from: $from, to: $to, officeId: $officeId, groupBy: $groupBy) {
      month
      officeId
      followUpRate {
        ...RateParts
      }
    }
    collectionReport(from: $from, to: $to, officeId: $officeId, groupBy: $groupBy) {
      month
      officeId
      collectionRate {
        ...RateParts
      }
    }
    slaReport(from: $from, to: $to, officeId: $officeId, groupBy: $groupBy) {
      month
      officeId
      replyCompliance {
        ...RateParts
      }
      resolveCompliance {
        ...RateParts
      }
    }
  }
`);

export const COMPETENCY_TOP_FIVE = graphql(`
  query CompetencyTopFive($from: LocalDate!, $to: LocalDate!, $officeId: ID, $groupBy: [ReportGrouping!]!) {
    competencyTopFiveReport(from: $from, to: $to, officeId: $officeId, groupBy: $groupBy) {
      officeId
      office {
        id
        name
      }
      indicator {
        code
        nameZh
        nameEn
        combinedWeight
      }
      score
      assessments
    }
  }
`);

export const OFFICE_DETAIL = graphql(`
  query OfficeDetail($officeId: ID!, $from: LocalDate!, $to: LocalDate!) {
    office(id: $officeId) {
      id
      name
      code
      kind
    }
    complaintClassificationReport(from: $from, to: $to, officeId: $officeId) {
      complaintClass
      validity
      channel
      severity
      complaints
      complainants
    }
    staffCompositeRanking(from: $from, to: $to, officeId: $officeId) {
      rank
      staff {
        id
        name
        role
      }
      compositeScore
      assessments
    }
  }
`);
