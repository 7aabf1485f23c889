// Flag values → the flat input `a2e.call` takes: typed from the spec (numbers, booleans, JSON for objects
// and arrays), on top of `--body` (inline JSON, `@file.json`, or `-` for stdin).
import { readFileSync } from 'node:fs';
import { UsageError } from './exit-codes.js';
import type { Field, FieldType } from './fields.js';

function scalar(field: Field, type: FieldType | undefined, raw: string): unknown {
  switch (type) {
    case 'integer':
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) {
        throw new UsageError(
          `--${field.flag} takes ${type === 'integer' ? 'an integer' : 'a number'}, not ${JSON.stringify(raw)}`,
        );
      }
      return n;
    }
    case 'boolean':
      if (raw === 'true' || raw === '') return true;
      if (raw === 'false') return false;
      throw new UsageError(`--${field.flag} takes true or false, not ${JSON.stringify(raw)}`);
    case 'object':
    case 'array':
    case 'any':
      return json(field, raw, type !== 'any');
    default:
      return raw;
  }
}

function json(field: Field, raw: string, strict: boolean): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    if (!strict) return raw;
    throw new UsageError(
      `--${field.flag} takes JSON (${field.type}), e.g. --${field.flag} '${field.type === 'array' ? '["a","b"]' : '{"k":1}'}'`,
    );
  }
}

/** One flag's value(s) as the field's type. Arrays of scalars take repeated flags or one JSON array. */
export function parseField(field: Field, raw: string | boolean | string[]): unknown {
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (v === true ? '' : String(v)));
  if (field.type === 'array') {
    if (values.length === 1 && values[0]!.trimStart().startsWith('[')) return json(field, values[0]!, true);
    if (!field.itemType) {
      if (values.length === 1) return json(field, values[0]!, true);
      throw new UsageError(`--${field.flag} takes one JSON array`);
    }
    return values.map((v) => scalar(field, field.itemType, v));
  }
  if (values.length > 1) throw new UsageError(`--${field.flag} was given ${values.length} times; it takes one value`);
  const value = scalar(field, field.type, values[0]!);
  if (field.enum && !field.enum.includes(value)) {
    throw new UsageError(`--${field.flag} must be one of ${field.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value;
}

/** `--body`: inline JSON, `@path` to a JSON file, or `-` for stdin. Must be a JSON object. */
export function readBody(arg: string | undefined): Record<string, unknown> {
  if (arg === undefined) return {};
  let text: string;
  try {
    text = arg === '-' ? readFileSync(0, 'utf8') : arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg;
  } catch (error) {
    throw new UsageError(`--body: cannot read ${arg === '-' ? 'stdin' : arg.slice(1)}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--body is not JSON: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--body must be a JSON object');
  return value as Record<string, unknown>;
}

/** The call input: `--body` first, then each flag given, checked for the spec's required fields. */
export function buildInput(
  fields: Field[],
  flags: Record<string, unknown>,
  body: Record<string, unknown>,
  attr: (f: Field) => string,
) {
  const input: Record<string, unknown> = { ...body };
  for (const field of fields) {
    const raw = flags[attr(field)];
    if (raw !== undefined) input[field.name] = parseField(field, raw as string | boolean | string[]);
  }
  const missing = fields.filter((f) => f.required && input[f.name] === undefined);
  if (missing.length) {
    throw new UsageError(`missing required ${missing.map((f) => `--${f.flag}`).join(', ')} (or give them in --body)`);
  }
  return input;
}
