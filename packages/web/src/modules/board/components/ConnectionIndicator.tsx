import { useTranslation } from "react-i18next";
import type { LiveState } from "../hooks/use-live-board";

/** Always visible: whether the board is following events right now. Text and shape, not colour alone. */
export function ConnectionIndicator(props: { state: LiveState; lastSequence: number | undefined }) {
  const { t } = useTranslation();
  return (
    <div className={`connection connection--${props.state}`} role="status" data-state={props.state} data-testid="connection">
      <span className="connection__dot" aria-hidden="true" />
      <span>{t(`board.connection.${props.state}`)}</span>
      {props.lastSequence !== undefined && (
        <span className="connection__seq">{t("board.lastEvent", { sequence: props.lastSequence })}</span>
      )}
    </div>
  );
}
