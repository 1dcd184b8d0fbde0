import { createHash } from "node:crypto";
import type { SpotCheckRateData } from "../sla/sla-defaults";
import type { TicketType } from "../tickets/ticket.enums";
import type { SpotCheckSampler } from "./spot-check.enums";

export interface Candidate {
  ticketId: string;
  type: TicketType;
}

/** Position of a ticket in the seeded shuffle: a hash, so the order depends only on the seed and the id. */
function rank(seed: number, ticketId: string): string {
  return createHash("sha256").update(`${seed}:${ticketId}`).digest("hex");
}

/**
 * Draws a sampler's spot checks: for each of its rates, ceil(rate × eligible) tickets of that type (or of all
 * types) in seeded-hash order, without drawing a ticket twice. The same seed and candidates always give the
 * same sample, whatever order the candidates come in.
 */
export function drawSample(
  candidates: readonly Candidate[],
  rates: readonly SpotCheckRateData[],
  sampler: SpotCheckSampler,
  seed: number,
): string[] {
  const ordered = [...candidates].sort((a, b) => (rank(seed, a.ticketId) < rank(seed, b.ticketId) ? -1 : 1));
  const drawn = new Set<string>();
  for (const rate of rates.filter((r) => r.sampler === sampler)) {
    const eligible = ordered.filter((c) => rate.type === null || c.type === rate.type);
    const wanted = Math.min(eligible.length, Math.ceil(rate.rate * eligible.length - 1e-9));
    let taken = eligible.filter((c) => drawn.has(c.ticketId)).length;
    for (const c of eligible) {
      if (taken >= wanted) break;
      if (drawn.has(c.ticketId)) continue;
      drawn.add(c.ticketId);
      taken++;
    }
  }
  return ordered.filter((c) => drawn.has(c.ticketId)).map((c) => c.ticketId);
}
