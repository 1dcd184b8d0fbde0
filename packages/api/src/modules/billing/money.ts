import { badInput } from "../../common/errors/app-error";

/** Parses a yuan amount written with at most two decimals ("1234.5", "1,234.56", "¥80") into exact cents. */
export function parseYuan(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, "")
    .replace(/,/g, "");
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -cents : cents;
}

/** Formats cents as a yuan amount with two decimals, e.g. 123456 → "1234.56". */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * A per-m² fee for a unit: rate (cents per m²) × area (hundredths of m²), rounded half up to whole cents, in
 * integer arithmetic so no float ever touches money.
 */
export function areaFee(rateCentsPerM2: number, areaCentiM2: number): number {
  return Math.floor((rateCentsPerM2 * areaCentiM2 + 50) / 100);
}

export function requirePositiveCents(cents: number, field: string[]): void {
  if (!Number.isSafeInteger(cents) || cents <= 0) {
    throw badInput("AMOUNT_NOT_POSITIVE", "The amount must be a positive whole number of cents (分).", field);
  }
}
