import fc from "fast-check";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { originAllowed } from "./origin-policy";

const upgrade = (origin: string | undefined, host = "api.example.com") =>
  ({ headers: { host, ...(origin === undefined ? {} : { origin }) } }) as IncomingMessage;

describe("WebSocket origin policy", () => {
  it("allows no Origin (not a browser), the API's own origin, listed origins, and loopback pages only when nothing is listed", () => {
    expect(originAllowed(upgrade(undefined), ["https://x.example"])).toBe(true);
    expect(originAllowed(upgrade("https://api.example.com"), ["https://x.example"])).toBe(true);
    expect(originAllowed(upgrade("https://x.example/"), ["https://x.example"])).toBe(true);
    expect(originAllowed(upgrade("http://localhost:5173"), true)).toBe(true);
    expect(originAllowed(upgrade("http://[::1]:8080"), true)).toBe(true);
    expect(originAllowed(upgrade("http://localhost:5173"), ["https://x.example"])).toBe(false);
  });

  it("refuses any other site, however its name resembles an allowed one", () => {
    fc.assert(
      fc.property(fc.domain(), fc.constantFrom("http", "https"), (domain, scheme) => {
        fc.pre(!["localhost", "api.example.com", "x.example"].includes(domain));
        const origin = `${scheme}://${domain}`;
        expect(originAllowed(upgrade(origin), true)).toBe(false);
        expect(originAllowed(upgrade(origin), ["https://x.example"])).toBe(false);
        expect(originAllowed(upgrade(`https://x.example.${domain}`), ["https://x.example"])).toBe(false);
      }),
    );
  });
});
