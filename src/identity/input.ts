import { ValidationError } from './identity-errors.ts';

/**
 * Readers for request bodies (parsed JSON, so any shape): each returns the
 * typed value or throws Keystone's 400 naming the field. Pure.
 */
export type Json = Record<string, unknown>;

export function object(value: unknown, field: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw ValidationError.field(field, `${describe(value)} is not of type 'object'`);
  return value as Json;
}

export function optionalObject(value: unknown, field: string): Json | undefined {
  return value === undefined ? undefined : object(value, field);
}

export function string(value: unknown, field: string, limits: { min?: number; max?: number } = {}): string {
  if (typeof value !== 'string') throw ValidationError.field(field, `${describe(value)} is not of type 'string'`);
  const { min = 0, max = 255 } = limits;
  if (value.length < min) throw ValidationError.field(field, `'${value}' is too short`);
  if (value.length > max) throw ValidationError.field(field, `the value is too long (at most ${max} characters)`);
  // NUL cannot be stored in PostgreSQL text and is never part of a name.
  if (value.includes('\u0000')) throw ValidationError.field(field, 'NUL characters are not allowed');
  return value;
}

export function optionalString(value: unknown, field: string, limits?: { min?: number; max?: number }): string | undefined {
  return value === undefined ? undefined : string(value, field, limits);
}

/** A string or null (Keystone allows null for descriptions and optional references). */
export function nullableString(value: unknown, field: string, limits?: { min?: number; max?: number }): string | null | undefined {
  return value === null ? null : optionalString(value, field, limits);
}

export function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw ValidationError.field(field, `${describe(value)} is not of type 'boolean'`);
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  return value === undefined ? undefined : boolean(value, field);
}

export function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw ValidationError.field(field, `${describe(value)} is not of type 'array'`);
  return value.map((v, i) => string(v, `${field}[${i}]`));
}

/** A name: non-empty after trimming, bounded. */
export function name(value: unknown, field = 'name', max = 255): string {
  const text = string(value, field, { min: 1, max });
  if (text.trim() === '') throw ValidationError.field(field, `'${text}' does not match '[\\S]+'`);
  return text;
}

/** Refuses attributes outside `allowed` (Keystone's additionalProperties: false). */
export function onlyKeys(body: Json, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw ValidationError.field(field, `Additional properties are not allowed ('${key}' was unexpected)`);
  }
}

/** Query-string booleans as Keystone reads them: anything but '0'/'false' (any case) is true. */
export function queryFlag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? String(value[0]) : String(value);
  return !['0', 'false'].includes(text.toLowerCase());
}

function describe(value: unknown): string {
  if (value === undefined) return 'None';
  try {
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return typeof value;
  }
}
