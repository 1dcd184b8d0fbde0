import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultServicePolicy } from "../sla/sla-defaults";
import { TicketType } from "../tickets/ticket.enums";
import { drawSample, type Candidate } from "./sampling";
import { SpotCheckSampler } from "./spot-check.enums";

const rates = defaultServicePolicy().spotCheckRates;
const candidates = (types: TicketType[]): Candidate[] =>
  types.map((type, i) => ({ ticketId: `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`, type }));
const types = fc.constantFrom(...Object.values(TicketType));

describe("spot-check sampling", () => {
  it("the management department draws 10% of complaints and 1% of help requests (rounded up), nothing else", () => {
    const pool = candidates([
      ...Array(200).fill(TicketType.COMPLAINT),
      ...Array(150).fill(TicketType.HELP),
      ...Array(100).fill(TicketType.REPAIR),
    ]);
    const drawn = new Set(drawSample(pool, rates, SpotCheckSampler.HEAD_OFFICE_MANAGEMENT, 42));
    const count = (t: TicketType) => pool.filter((c) => c.type === t && drawn.has(c.ticketId)).length;
    expect([count(TicketType.COMPLAINT), count(TicketType.HELP), count(TicketType.REPAIR)]).toEqual([20, 2, 0]);
  });

  it("the general office draws 3% of everything", () => {
    const pool = candidates([...Array(300).fill(TicketType.REPAIR), ...Array(100).fill(TicketType.COMPLAINT)]);
    expect(drawSample(pool, rates, SpotCheckSampler.GENERAL_OFFICE, 7)).toHaveLength(12);
  });

  it("is reproducible: same seed, same sample whatever the candidates' order; another seed, another sample", () => {
    fc.assert(
      fc.property(fc.array(types, { minLength: 20, maxLength: 300 }), fc.integer(), (ts, seed) => {
        const pool = candidates(ts);
        const a = drawSample(pool, rates, SpotCheckSampler.GENERAL_OFFICE, seed);
        const b = drawSample([...pool].reverse(), rates, SpotCheckSampler.GENERAL_OFFICE, seed);
        expect(b).toEqual(a);
      }),
    );
    const pool = candidates(Array(500).fill(TicketType.COMPLAINT));
    expect(drawSample(pool, rates, SpotCheckSampler.GENERAL_OFFICE, 1)).not.toEqual(
      drawSample(pool, rates, SpotCheckSampler.GENERAL_OFFICE, 2),
    );
  });

  it("draws each ticket at most once, only from the candidates, and exactly ceil(rate × n) per rate", () => {
    fc.assert(
      fc.property(
        fc.array(types, { maxLength: 400 }),
        fc.integer(),
        fc.constantFrom(...Object.values(SpotCheckSampler)),
        (ts, seed, sampler) => {
          const pool = candidates(ts);
          const drawn = drawSample(pool, rates, sampler, seed);
          expect(new Set(drawn).size).toBe(drawn.length);
          const ids = new Set(pool.map((c) => c.ticketId));
          expect(drawn.every((id) => ids.has(id))).toBe(true);
          for (const rate of rates.filter((r) => r.sampler === sampler)) {
            const eligible = pool.filter((c) => rate.type === null || c.type === rate.type);
            const got = eligible.filter((c) => drawn.includes(c.ticketId)).length;
            expect(got).toBeGreaterThanOrEqual(Math.min(eligible.length, Math.ceil(rate.rate * eligible.length - 1e-9)));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
