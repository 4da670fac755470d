import { KeyboardEvent, ReactNode, useEffect, useId, useRef, useState } from 'react';

interface Props {
  /** The button that asks. */
  label: string;
  /** What it acts on, when a list has several such buttons: named to screen readers as "Revoke grafana". */
  subject?: string;
  /** What will happen, in words, shown before anything is done. */
  question: ReactNode;
  confirmLabel: string;
  /** Does the thing; reports its own errors (the section shows them). */
  onConfirm: () => Promise<void>;
}

/**
 * A destructive action in two steps, inline: the button opens a confirm step in its place, with the focus on
 * "Cancel" (the harmless choice, so a stray Enter does nothing), and Escape or "Cancel" go back to the button.
 */
export function ConfirmButton({ label, subject, question, confirmLabel, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (opened.current) trigger.current?.focus();
    opened.current = asking;
  }, [asking]);

  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) setAsking(false);
  };

  if (!asking)
    return (
      <button type="button" className="secondary" ref={trigger} aria-label={subject ? `${label} ${subject}` : undefined} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <div className="confirm stack" role="group" aria-labelledby={questionId} onKeyDown={onKeyDown}>
      <p id={questionId}>{question}</p>
      <div className="row wrap">
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="secondary" ref={cancel} disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
