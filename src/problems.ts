/**
 * RFC 9457 problem details. Domain code throws these; the HTTP error handler renders them as
 * `application/problem+json` and the CLI prints them, so a bad input is always named, never a crash.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /**
   * The problem as JSON. `translate` (issue 24) turns an English sentence into the reader's
   * language; `type` stays the English title's slug, so machines can rely on it whatever the title.
   */
  toJSON(instance?: string, translate?: (english: string) => string): Record<string, unknown> {
    return {
      type: `https://remnant.invalid/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      title: translate ? translate(this.title) : this.title,
      status: this.status,
      detail: translate ? this.translatedDetail(translate) : this.detail,
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }

  protected translatedDetail(translate: (english: string) => string): string {
    return translate(this.detail);
  }
}

export class ValidationProblem extends Problem {
  private readonly ownDetail: boolean;
  constructor(readonly errors: FieldError[], detail?: string) {
    super(400, 'Invalid input', detail ?? joinFieldErrors(errors), { errors });
    this.ownDetail = detail !== undefined;
  }

  /** Field names are paths and stay as they are; each message, and a detail made of them, is translated. */
  override toJSON(instance?: string, translate?: (english: string) => string): Record<string, unknown> {
    const json = super.toJSON(instance, translate);
    if (translate) json.errors = this.translatedErrors(translate);
    return json;
  }

  protected override translatedDetail(translate: (english: string) => string): string {
    return this.ownDetail ? translate(this.detail) : joinFieldErrors(this.translatedErrors(translate));
  }

  private translatedErrors(translate: (english: string) => string): FieldError[] {
    return this.errors.map((e) => ({ ...e, message: translate(e.message) }));
  }
}

function joinFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

export class NotFound extends Problem {
  constructor(what: string, id: string) {
    super(404, 'Not found', `no ${what} with id ${id}`);
  }
}

export class Conflict extends Problem {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, extra);
  }
}

export class Forbidden extends Problem {
  constructor(detail = 'you may not do this') {
    super(403, 'Forbidden', detail);
  }
}

export class Unauthorized extends Problem {
  constructor(detail = 'sign in first') {
    super(401, 'Unauthorized', detail);
  }
}

/**
 * Plain-language explanations of named CHECK constraints, registered by the context that owns the
 * table, so that a violated rule reads as a sentence about a field rather than a constraint name.
 */
const CONSTRAINT_EXPLANATIONS = new Map<string, FieldError>();
export function explainConstraint(constraint: string, field: string, message: string): void {
  CONSTRAINT_EXPLANATIONS.set(constraint, { field, message });
}
explainConstraint('incidents_lon_check2', 'lon', 'lat and lon must be given together');
explainConstraint('incidents_location_precision_check2', 'locationPrecision', 'is required when coordinates are given');
explainConstraint('incidents_occurred_to_check', 'occurredTo', 'must not be before occurredFrom');
explainConstraint('items_recovered_lon_check2', 'recoveredLon', 'recoveredLat and recoveredLon must be given together');
explainConstraint('claims_event_to_check', 'eventTo', 'must not be before eventFrom');
explainConstraint('claims_status_reason_check', 'statusReason', 'a ruling on a claim needs a reason');
explainConstraint('custody_events_held_to_check', 'heldTo', 'must not be before heldFrom');
explainConstraint('components_production_to_check', 'productionTo', 'must not be before productionFrom');
explainConstraint('organisations_parent_id_check', 'parentId', 'an organisation cannot be its own parent');
explainConstraint('organisations_parent_to_check', 'parentTo', 'must not be before parentFrom');
explainConstraint('evidence_files_link_check', 'link', 'a file links to one record at most');

/** Maps a PostgreSQL error raised by bad input to a Problem; anything else is a real fault (null). */
export function problemFromPg(err: unknown): Problem | null {
  const e = err as { code?: string; constraint?: string; column?: string; detail?: string; message?: string; table?: string };
  if (typeof e?.code !== 'string') return null;
  const explained = e.constraint ? CONSTRAINT_EXPLANATIONS.get(e.constraint) : undefined;
  if (explained && (e.code === '23514' || e.code === '23503')) return new ValidationProblem([explained]);
  const field = e.column ?? constraintField(e.constraint, e.table);
  switch (e.code) {
    case '23503': // foreign_key_violation
      if (e.message?.includes('still referenced') || e.detail?.includes('is still referenced')) {
        return new Conflict(`the record is still referenced: ${e.detail ?? e.message}`, { references: e.table });
      }
      return new ValidationProblem([{ field: field ?? 'reference', message: `refers to a record that does not exist (${e.detail ?? e.message})` }]);
    case '23505':
      return new Conflict(`a record with the same unique value exists: ${e.detail ?? e.message}`);
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
    case '22023':
    case '54000':
      return new ValidationProblem([{ field: field ?? 'input', message: e.message ?? 'invalid value' }]);
    default:
      return null;
  }
}

/** Our CHECK constraints are named `<table>_<column>_check` by PostgreSQL's default naming. */
function constraintField(constraint: string | undefined, table: string | undefined): string | undefined {
  if (!constraint) return undefined;
  let rest = constraint;
  if (table && rest.startsWith(table + '_')) rest = rest.slice(table.length + 1);
  rest = rest.replace(/_(check|fkey|key|not_null)\d*$/, '');
  return rest.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
