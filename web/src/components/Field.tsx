import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled form control with an optional hint that the control is described by. */
export function Field({ id, label, hint, inline, children }: { id: string; label: string; hint?: string; inline?: boolean; children: ReactNode }) {
  return (
    <div className={inline ? 'field-inline' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <span className="hint" id={hintId(id)}>
          {hint}
        </span>
      )}
    </div>
  );
}

function hintId(id: string): string {
  return `${id}-hint`;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** A text (or number, password, date) input in a Field. */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  ...input
}: { id: string; label: string; hint?: string; value: string; onChange: (value: string) => void } & InputProps) {
  return (
    <Field id={id} label={label} hint={hint}>
      <input id={id} aria-describedby={hint === undefined ? undefined : hintId(id)} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </Field>
  );
}

export interface Option<V extends string> {
  value: V;
  label: string;
  lang?: string;
}

/** A select in a Field; `inline` puts the label beside it (the top bar's switchers). */
export function SelectField<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
  inline,
}: {
  id: string;
  label: string;
  value: V;
  options: readonly Option<V>[];
  onChange: (value: V) => void;
  inline?: boolean;
}) {
  return (
    <Field id={id} label={label} inline={inline}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
