import type { Child } from 'hono/jsx';

interface FieldBlockProps {
  /** The field's name: the block is `#q-{name}` (the error summary links to it) and its message `#err-{name}`. */
  name: string;
  /** What survey.js checks the block as (`text`, `code`, `consent`, `contact`). */
  type: string;
  required?: boolean;
  /** The message beside the field after a refused post; hidden, and filled in by survey.js, until then. */
  error?: string;
  /** What comes before the message: the label and any hint. */
  before?: Child;
  /** The controls, after the message. */
  children: Child;
}

/** One field of the questionnaire form with its error message: the block survey.js and the error summary find by its name. */
export function FieldBlock({ name, type, required, error, before, children }: FieldBlockProps) {
  return (
    <div
      class={`question${error ? ' has-error' : ''}`}
      id={`q-${name}`}
      data-question={name}
      data-type={type}
      data-required={required ? 'true' : undefined}
    >
      {before}
      <p class="error" id={`err-${name}`} hidden={!error}>
        {error ?? ''}
      </p>
      {children}
    </div>
  );
}
