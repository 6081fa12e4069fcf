import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface Shared {
  label: string;
  error?: string;
  help?: ReactNode;
  className?: string;
}

/** Wraps one control with its visible label, help and the API's error for that field (announced to screen readers). */
function Frame({ id, label, error, help, className, children }: Shared & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && !error && <div className="help" id={`${id}-help`}>{help}</div>}
      {error && <div className="error" id={`${id}-error`} role="alert">{error}</div>}
    </div>
  );
}

function aria(id: string, error?: string, help?: ReactNode) {
  return {
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': error ? `${id}-error` : help ? `${id}-help` : undefined,
  };
}

export function TextField({ label, error, help, className, ...rest }: Shared & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Frame id={rest.id ?? id} label={label} error={error} help={help} className={className}>
      <input id={rest.id ?? id} {...aria(rest.id ?? id, error, help)} {...rest} />
    </Frame>
  );
}

export function TextArea({ label, error, help, className, ...rest }: Shared & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Frame id={rest.id ?? id} label={label} error={error} help={help} className={className}>
      <textarea id={rest.id ?? id} {...aria(rest.id ?? id, error, help)} {...rest} />
    </Frame>
  );
}

export function SelectField({ label, error, help, className, options, ...rest }: Shared & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <Frame id={rest.id ?? id} label={label} error={error} help={help} className={className}>
      <select id={rest.id ?? id} {...aria(rest.id ?? id, error, help)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Frame>
  );
}

/** The errors of a failed request that no field on the form claims, shown once above the buttons. */
export function FormError({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="form-error" role="alert">
      {messages.map((m) => <div key={m}>{m}</div>)}
    </div>
  );
}
