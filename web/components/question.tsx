import type { Question } from '../../worker/schemas/survey-definition.ts';
import type { PageContext } from '../context.ts';
import { FieldBlock } from './field-block.tsx';

export type FormValue = string | string[] | undefined;

interface QuestionProps {
  ctx: PageContext;
  question: Question;
  value: FormValue;
  error?: string;
}

function choices(question: Question, ctx: PageContext): { value: string; label: string }[] {
  const { lang, t } = ctx;
  switch (question.type) {
    case 'likert': {
      const points = Array.from({ length: question.scale }, (_, i) => {
        const n = i + 1;
        const end = n === 1 ? question.labels.low[lang] : n === question.scale ? question.labels.high[lang] : '';
        return { value: String(n), label: end ? `${n} ${end}` : String(n) };
      });
      return question.allow_na ? [...points, { value: 'na', label: t.survey.na }] : points;
    }
    case 'nps':
      return Array.from({ length: 11 }, (_, n) => ({
        value: String(n),
        label: n === 0 ? `0 ${question.labels.low[lang]}` : n === 10 ? `10 ${question.labels.high[lang]}` : String(n),
      }));
    case 'single':
    case 'multi':
      return question.options.map((o) => ({ value: o.id, label: o.label[lang] }));
    case 'text':
      return [];
  }
}

/**
 * One question as native form controls: a fieldset with a legend for choices
 * (so screen readers announce the question with each option), a label for text.
 */
export function QuestionField({ ctx, question, value, error }: QuestionProps) {
  const { t, lang } = ctx;
  const errorId = `err-${question.id}`;
  const marker = <span class="req">{question.required ? t.survey.required : t.survey.optional}</span>;
  const errorText = (
    <p class="error" id={errorId} hidden={!error}>
      {error ?? ''}
    </p>
  );
  if (question.type === 'text') {
    return (
      <FieldBlock
        name={question.id}
        type="text"
        required={question.required}
        error={error}
        before={
          <label for={`f-${question.id}`}>
            {question.text[lang]} {marker}
          </label>
        }
      >
        <textarea
          id={`f-${question.id}`}
          name={question.id}
          maxlength={question.max_length}
          rows={4}
          aria-describedby={errorId}
          aria-invalid={error ? 'true' : undefined}
        >
          {typeof value === 'string' ? value : ''}
        </textarea>
      </FieldBlock>
    );
  }
  const multi = question.type === 'multi';
  const selected = new Set(Array.isArray(value) ? value : value !== undefined ? [value] : []);
  const scale = question.type === 'likert' || question.type === 'nps';
  return (
    <fieldset
      class={`question${scale ? ' scale' : ''}${error ? ' has-error' : ''}`}
      id={`q-${question.id}`}
      data-question={question.id}
      data-type={question.type}
      data-required={question.required ? 'true' : undefined}
      aria-describedby={errorId}
    >
      <legend>
        {question.text[lang]} {marker}
      </legend>
      {errorText}
      <div class="choices">
        {choices(question, ctx).map((choice) => (
          <label class="choice">
            <input type={multi ? 'checkbox' : 'radio'} name={question.id} value={choice.value} checked={selected.has(choice.value)} />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
