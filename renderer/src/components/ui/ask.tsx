import { useState } from "react";
import { create } from "zustand";
import { t } from "../../strings";
import { Dialog } from "./Dialog";

/**
 * The studio's questions to the writer (replace a file? the link's address?) in its own dialog,
 * never the browser's confirm() or prompt(), which ignore the theme and block the page.
 */
interface Question {
  title: string;
  body?: string;
  confirm: string;
  cancel?: string;
  danger?: boolean;
  /** ask for a line of text too */
  input?: { label: string; placeholder?: string; initial?: string; validate?: (v: string) => string | null };
  resolve(answer: string | boolean | null): void;
}

const useQuestions = create<{ current: Question | null }>(() => ({ current: null }));

/** Resolves true when confirmed, false when cancelled. */
export function confirmAction(q: { title: string; body?: string; confirm: string; cancel?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    useQuestions.getState().current?.resolve(null);
    useQuestions.setState({ current: { ...q, resolve: (a) => resolve(a === true) } });
  });
}

/** Resolves to the text entered, or null when cancelled. */
export function askText(q: { title: string; body?: string; confirm: string; input: NonNullable<Question["input"]> }): Promise<string | null> {
  return new Promise((resolve) => {
    useQuestions.getState().current?.resolve(null);
    useQuestions.setState({ current: { ...q, resolve: (a) => resolve(typeof a === "string" ? a : null) } });
  });
}

export function QuestionHost() {
  const q = useQuestions((s) => s.current);
  return q ? <QuestionDialog key={q.title + (q.body ?? "")} q={q} /> : null;
}

function QuestionDialog({ q }: { q: Question }) {
  const [value, setValue] = useState(q.input?.initial ?? "");
  const [invalid, setInvalid] = useState<string | null>(null);
  const answer = (a: string | boolean | null) => {
    useQuestions.setState({ current: null });
    q.resolve(a);
  };
  const submit = () => {
    if (!q.input) return answer(true);
    const problem = q.input.validate?.(value) ?? null;
    if (problem) return setInvalid(problem);
    answer(value);
  };
  return (
    <Dialog
      title={q.title}
      size="small"
      onClose={() => answer(q.input ? null : false)}
      onSubmit={submit}
      testId="question"
      footer={
        <>
          <button type="button" onClick={() => answer(q.input ? null : false)}>
            {q.cancel ?? t.ui.cancel}
          </button>
          <button type="submit" className={q.danger ? "primary danger" : "primary"} autoFocus={!q.input}>
            {q.confirm}
          </button>
        </>
      }
    >
      {q.body ? <p>{q.body}</p> : null}
      {q.input ? (
        <label>
          {q.input.label}
          <input
            autoFocus
            value={value}
            placeholder={q.input.placeholder}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? "question-invalid" : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setInvalid(null);
            }}
          />
        </label>
      ) : null}
      {invalid ? (
        <p id="question-invalid" className="callout error" role="alert">
          {invalid}
        </p>
      ) : null}
    </Dialog>
  );
}
