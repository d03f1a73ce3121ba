// Validates each event against its JSON Schema once, before it leaves the process. An
// invalid event is not dropped: the caller routes deadLetter(event, reason) to the
// dead-letter output, and the reason says which schema, which path and what is wrong.
import { inspect } from 'node:util';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { EVENT_SCHEMAS, EVENT_TYPES, schemaId, type DeadLetterRecord, type VucrawlEvent } from '../extractor/events.js';
import { upgradeEvent } from '../extractor/upgrade.js';

export type Validation = { ok: true; event: VucrawlEvent } | { ok: false; reason: string };

// allErrors: a dead letter should say everything that is wrong, not only the first thing.
// allowUnionTypes: nullable fields are typed ["string", "null"].
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>(
  EVENT_TYPES.map((t) => [schemaId(t), ajv.compile(EVENT_SCHEMAS[t])]),
);
const MAX_ERRORS = 10;

/** Validates an event of the current version, or of version 1 in its upgraded form (extractor/upgrade.ts). */
export function validateEvent(raw: unknown): Validation {
  const e = upgradeEvent(raw);
  if (typeof e !== 'object' || e === null || Array.isArray(e)) {
    return {
      ok: false,
      reason: `(no schema): / must be an object, got ${e === null ? 'null' : Array.isArray(e) ? 'array' : typeof e}`,
    };
  }
  const claimed = (e as { schema?: unknown }).schema;
  if (claimed === undefined) return { ok: false, reason: '(no schema): /schema is missing' };
  if (typeof claimed !== 'string') return { ok: false, reason: '(no schema): /schema must be a string' };
  const validate = validators.get(claimed);
  if (!validate) {
    return {
      ok: false,
      reason: `${claimed.slice(0, 100)}: /schema is not a known event schema (known: ${[...validators.keys()].join(', ')})`,
    };
  }
  if (validate(e)) return { ok: true, event: e as VucrawlEvent };
  const errors = validate.errors ?? [];
  const shown = errors.slice(0, MAX_ERRORS).map(describe);
  if (errors.length > MAX_ERRORS) shown.push(`and ${errors.length - MAX_ERRORS} more`);
  return { ok: false, reason: `${claimed}: ${shown.join('; ')}` };
}

/** The dead-letter record for an event that failed validation (DEAD_LETTER_SCHEMA in extractor/events.ts). */
export function deadLetter(e: unknown, reason: string, at: number = Date.now()): DeadLetterRecord {
  return { schema: schemaId('dead_letter'), reason, event: jsonSafe(e), at };
}

// Ajv reports a missing or extra property at its parent object; name the property's own
// path instead, so every message reads "<path> <what is wrong>".
function describe(err: ErrorObject): string {
  const p = err.params as { missingProperty?: string; additionalProperty?: string };
  if (err.keyword === 'required' && p.missingProperty !== undefined)
    return `${err.instancePath}/${pointer(p.missingProperty)} is missing`;
  if (err.keyword === 'additionalProperties' && p.additionalProperty !== undefined) {
    return `${err.instancePath}/${pointer(p.additionalProperty)} is not allowed (not in the schema)`;
  }
  return `${err.instancePath || '/'} ${err.message ?? err.keyword}`;
}

const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

// The dead-letter record is written as JSON: a value JSON cannot hold (BigInt, a cycle)
// would make the whole write fail, so such an event is kept as its inspected text instead.
function jsonSafe(e: unknown): unknown {
  try {
    const text = JSON.stringify(e);
    return text === undefined ? null : JSON.parse(text);
  } catch {
    // Not JSON: kept as it would be printed.
    return inspect(e, { depth: 5, breakLength: Infinity });
  }
}
