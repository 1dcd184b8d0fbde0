import { useId, type ReactNode } from "react";
import type { FieldError } from "../../apollo/form-errors";
import { ErrorText } from "./FormErrors";

export interface ControlProps {
  id: string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
}

/** A labelled form control with its hint and its error beside it, wired for screen readers. */
export function Field(props: {
  label: ReactNode;
  error?: FieldError;
  hint?: ReactNode;
  name?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${props.className ?? ""}`} data-field={props.name}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, "aria-invalid": props.error ? true : undefined, "aria-describedby": describedBy })}
      {props.hint && <small id={hintId}>{props.hint}</small>}
      <ErrorText id={`${id}-error`} error={props.error} />
    </div>
  );
}
