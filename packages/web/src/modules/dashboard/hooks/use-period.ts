import { useSearchParams } from "react-router";
import { todayIn } from "../../../common/format";
import { useSession } from "../../session/hooks/session";
import { periodFromSearch, type Period } from "../utils/period";

/** The report period, kept in the URL (?from=&to=) so a view can be shared and survives reload. */
export function usePeriod(): [Period, (p: Period) => void] {
  const { viewer } = useSession();
  const [search, setSearch] = useSearchParams();
  const period = periodFromSearch(search, todayIn(viewer.tenant.timeZone));
  const setPeriod = (p: Period) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      next.set("from", p.from);
      next.set("to", p.to);
      return next;
    });
  return [period, setPeriod];
}
