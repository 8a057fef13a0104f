/** The few pieces every page is built from: labelled fields, notices, a section, a choice of tabs. */
import type { ComponentChildren, InputHTMLAttributes, PartialInputHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';
import { ApiError } from './api';
import { t, type TextKey } from './i18n';

export function Section({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Any input's attributes; preact's own type ties each `type` to the roles it allows, which a pass-through cannot narrow. */
type InputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label' | 'role'>;

/** The ids of a field's hint and problem, for aria-describedby; undefined when it has neither. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and problem, under it, with the ids `describedBy` names. */
function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** An input with its label above and its problem (from the API's `fields`) below, tied by aria-describedby. */
export function Field({ label, error, hint, ...input }: InputProps & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const described = describedBy(id, hint, error);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        {...(input as InputHTMLAttributes<HTMLInputElement>)}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextArea({
  label,
  error,
  hint,
  ...input
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'label'> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const described = describedBy(id, hint, error);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={described} {...input} />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export function Select<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A choice among a few views or values, as a group of toggle buttons. */
export function Tabs<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (v: V) => void;
}) {
  return (
    <div class="tabs" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" class="tab" aria-pressed={o.value === value} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  const known: Partial<Record<number, TextKey>> = {
    0: 'errors.network',
    403: 'errors.forbidden',
    404: 'errors.notFound',
    409: 'errors.conflict',
    503: 'errors.unavailable',
  };
  const key = known[error.status];
  if (key) return t(key);
  const fields = Object.entries(error.fields);
  return fields.length ? `${t('errors.invalid')} ${fields.map(([f, why]) => `${f}: ${why}`).join('; ')}` : error.message;
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="notice error" role="alert">
      {errorText(error)}
    </p>
  );
}

export function Notice({ children, kind = 'info' }: { children: ComponentChildren; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <p class={`notice ${kind}`} role="status">
      {children}
    </p>
  );
}

export const Loading = () => (
  <p class="muted" role="status">
    {t('common.loading')}
  </p>
);

export function Figure({ label, value, tone }: { label: string; value: string; tone?: 'good' | 'bad' }) {
  return (
    <div class={`figure ${tone ?? ''}`}>
      <span class="figure-value">{value}</span>
      <span class="figure-label">{label}</span>
    </div>
  );
}

/** A field's problem from an ApiError, for the form that sent it. */
export const fieldError = (error: unknown, name: string) => (error instanceof ApiError ? error.fields[name] : undefined);

/** A wide table's frame: scrolls sideways on a phone, and takes the focus so the keyboard can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table row's destructive action: its word on the button, and a label naming the row for screen readers. */
export function RowAction({ label, named, onClick }: { label: string; named: string; onClick: () => void }) {
  return (
    <button type="button" class="danger small" onClick={onClick} aria-label={named}>
      {label}
    </button>
  );
}
