/** What stands in for the hidden digits: always four stars, so the mask does not tell how many were hidden. */
export const MASK = "****";

const CHINA_MOBILE = /^(?:(\+|00)?86)?(1\d{10})$/;

/**
 * A telephone number with its middle hidden, as Chinese services print it: `138****1234` for a mobile. Other
 * numbers keep the first three and last four digits when at least four more are hidden (`075****1234` for
 * 0755-8888 1234), only the last four when shorter (`****1234` for a local 8888 1234), and nothing below eight
 * digits (extensions, typos), which would otherwise show nearly all of themselves. A country prefix on a
 * mobile is kept (`+86 138****1234`). Letters and punctuation never survive: at most seven digits are shown,
 * and at least four are always hidden.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s\-().]/g, "");
  const mobile = CHINA_MOBILE.exec(compact);
  if (mobile) {
    const national = mobile[2]!;
    const prefix = compact.length > national.length ? `${mobile[1] === "00" ? "00" : "+"}86 ` : "";
    return `${prefix}${national.slice(0, 3)}${MASK}${national.slice(7)}`;
  }
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 8) return MASK;
  if (digits.length < 11) return `${MASK}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${MASK}${digits.slice(-4)}`;
}
