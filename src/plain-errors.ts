import { z } from 'zod';

/**
 * Zod's own messages, in plain words. Schemas that carry a message of their own ("must be a date as
 * YYYY-MM-DD") keep it; this covers the rest — a missing field, a wrong type, a value outside an
 * enum or a range — so that a person filling a form in the web app, a CSV import or the API reads
 * "is required" rather than "Invalid input: expected string, received undefined". Installed once,
 * for every parse in the process, by src/fields.ts (which every schema module imports).
 */

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object',
  date: 'a date', bigint: 'a whole number',
};

const listed = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');

function bound(iss: { origin?: string; inclusive?: boolean }, n: number | bigint, atLeast: boolean): string {
  const count = Number(n);
  if (iss.origin === 'string') return atLeast ? (count <= 1 ? 'must not be empty' : `must be at least ${count} characters`) : `must be at most ${count} characters`;
  if (iss.origin === 'array' || iss.origin === 'set') {
    return atLeast ? (count <= 1 ? 'must list at least one entry' : `must list at least ${count} entries`) : `must list at most ${count} entries`;
  }
  const strict = iss.inclusive === false;
  return atLeast ? `must be ${strict ? 'more than' : 'at least'} ${count}` : `must be ${strict ? 'less than' : 'at most'} ${count}`;
}

/** The plain message for one issue, or undefined to keep zod's (for codes not listed here). Pure. */
export function plainMessage(iss: Issue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return 'is required';
      return `must be ${TYPE_WORDS[iss.expected] ?? iss.expected}`;
    case 'invalid_value':
      return iss.values.length === 1 ? `must be ${String(iss.values[0])}` : `must be one of: ${listed(iss.values)}`;
    case 'too_small':
      return bound(iss, iss.minimum, true);
    case 'too_big':
      return bound(iss, iss.maximum, false);
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length === 1 ? '' : 's'}: ${iss.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });

/**
 * A schema's own message for a value in the wrong form, while a missing value still reads "is
 * required" (a message given to the schema itself would otherwise answer both).
 */
export function formMessage(message: string): { error: (iss: Issue) => string } {
  return { error: (iss) => (iss.code === 'invalid_type' && (iss.input === undefined || iss.input === null) ? 'is required' : message) };
}
