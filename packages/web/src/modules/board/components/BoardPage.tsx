import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { QueryState } from "../../../common/components/QueryState";
import { useSession } from "../../session/hooks/session";
import { BOARD_OFFICES } from "../graphql/board";
import { useAlertSound } from "../hooks/use-alert-sound";
import { useLiveBoard } from "../hooks/use-live-board";
import { LANES, lanesOf, type Change } from "../utils/board-state";
import { BoardCardView } from "./BoardCardView";
import { ConnectionIndicator } from "./ConnectionIndicator";

export function BoardPage() {
  const { t } = useTranslation();
  const { viewer, capabilities } = useSession();
  const params = useParams();
  const navigate = useNavigate();
  const offices = useQuery(BOARD_OFFICES, { skip: !capabilities.chooseBoardOffice });
  const officeId = capabilities.chooseBoardOffice
    ? (params.officeId ?? offices.data?.offices.nodes[0]?.id)
    : (viewer.office?.id ?? undefined);
  const sound = useAlertSound();
  const [announcement, setAnnouncement] = useState("");
  const soundId = useId();
  const officeSelectId = useId();

  const onChange = (change: Change) => {
    if (change.kind === "added") {
      sound.play("arrived");
      setAnnouncement(t("board.announceNew", { number: change.card.number, content: change.card.content.slice(0, 60) }));
    } else if (change.kind === "became-overdue") {
      sound.play("overdue");
      setAnnouncement(t("board.announceOverdue", { number: change.card.number }));
    }
  };
  const board = useLiveBoard(officeId, onChange);
  const lanes = board.state ? lanesOf(board.state) : null;

  return (
    <section className="board" aria-labelledby="board-title" data-last-sequence={board.state?.lastSequence}>
      <div className="page-head">
        <h1 id="board-title">{t("board.title", { office: board.office?.name ?? "" })}</h1>
        <div className="page-head__tools">
          {capabilities.chooseBoardOffice && offices.data && (
            <div className="inline-field">
              <label htmlFor={officeSelectId}>{t("board.chooseOffice")}</label>
              <select id={officeSelectId} value={officeId ?? ""} onChange={(e) => navigate(`/board/${e.target.value}`)}>
                {offices.data.offices.nodes.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="inline-field">
            <input id={soundId} type="checkbox" checked={sound.enabled} onChange={(e) => sound.setEnabled(e.target.checked)} />
            <label htmlFor={soundId}>{t("board.sound")}</label>
          </div>
          <ConnectionIndicator state={board.live} lastSequence={board.state?.lastSequence} />
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="board-announcement">
        {announcement}
      </p>
      <QueryState loading={board.loading && !lanes} error={board.error} onRetry={() => void board.refetch()} />
      {lanes && (
        <div className="lanes">
          {LANES.map((lane) => (
            <section key={lane} className={`lane lane--${lane}`} aria-labelledby={`lane-${lane}`} data-lane={lane}>
              <h2 id={`lane-${lane}`} className="lane__title">
                {t(`board.lanes.${lane}`)} <span className="lane__count">{lanes[lane].length}</span>
              </h2>
              {lanes[lane].length ? (
                <ol className="lane__cards">
                  {lanes[lane].map((placed) => (
                    <BoardCardView key={placed.card.id} placed={placed} />
                  ))}
                </ol>
              ) : (
                <p className="lane__empty">{t("board.empty")}</p>
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
