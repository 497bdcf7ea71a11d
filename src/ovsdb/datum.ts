import type { AtomicType, BaseTypeJson, ColumnTypeJson, WireAtom, WireDatum } from './protocol.ts';

/** A column's type with RFC 7047's defaults filled in (`max` is Infinity for "unlimited"). */
export interface ColumnType {
  readonly key: AtomicType;
  readonly value?: AtomicType;
  readonly min: number;
  readonly max: number;
}

/** A value as muon code sees it (see `decodeDatum` for which shape a column gets). */
export type NativeAtom = string | number | boolean;
export type NativeDatum = NativeAtom | NativeAtom[] | Record<string, NativeAtom> | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a real row uuid; any other string in a uuid column is a named-uuid of the same transaction. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export function columnType(json: ColumnTypeJson): ColumnType {
  if (typeof json === 'string') return { key: json, min: 1, max: 1 };
  const max = json.max === undefined ? 1 : json.max === 'unlimited' ? Infinity : json.max;
  return { key: atomicOf(json.key), value: json.value === undefined ? undefined : atomicOf(json.value), min: json.min ?? 1, max };
}

function atomicOf(base: BaseTypeJson): AtomicType {
  return typeof base === 'string' ? base : base.type;
}

/** How a column is shown natively: map → object, exactly one → atom, zero or one → atom or null, else → array. */
export function shapeOf(type: ColumnType): 'map' | 'scalar' | 'optional' | 'set' {
  if (type.value !== undefined) return 'map';
  if (type.max === 1) return type.min === 1 ? 'scalar' : 'optional';
  return 'set';
}

const ATOM_DEFAULTS: Record<AtomicType, NativeAtom> = { integer: 0, real: 0, boolean: false, string: '', uuid: '00000000-0000-0000-0000-000000000000' };

/** The value a column has when a row does not mention it (RFC 7047 §5.2.1: a row's omitted columns take their defaults). */
export function defaultDatum(type: ColumnType): NativeDatum {
  switch (shapeOf(type)) {
    case 'map': return {};
    case 'scalar': return ATOM_DEFAULTS[type.key];
    case 'optional': return null;
    default: return type.min === 0 ? [] : Array.from({ length: type.min }, () => ATOM_DEFAULTS[type.key]);
  }
}

function decodeAtom(atom: WireAtom): NativeAtom {
  return Array.isArray(atom) ? atom[1] : atom;
}

/** The atoms of a wire set (a bare atom is a set of one). */
export function wireElements(datum: WireDatum): WireAtom[] {
  if (Array.isArray(datum) && datum[0] === 'set') return datum[1] as WireAtom[];
  return [datum as WireAtom];
}

/** Wire datum → native value, shaped by the column type (uuids become their text). */
export function decodeDatum(type: ColumnType, datum: WireDatum): NativeDatum {
  const shape = shapeOf(type);
  if (shape === 'map') {
    const pairs = Array.isArray(datum) && datum[0] === 'map' ? (datum[1] as Array<[WireAtom, WireAtom]>) : [];
    const map: Record<string, NativeAtom> = {};
    for (const [k, v] of pairs) map[String(decodeAtom(k))] = decodeAtom(v);
    return map;
  }
  const atoms = wireElements(datum).map(decodeAtom);
  if (shape === 'scalar') return atoms[0] ?? ATOM_DEFAULTS[type.key];
  if (shape === 'optional') return atoms[0] ?? null;
  return atoms;
}

function encodeAtom(kind: AtomicType, value: NativeAtom): WireAtom {
  if (kind === 'uuid') return isUuid(String(value)) ? ['uuid', String(value)] : ['named-uuid', String(value)];
  if (kind === 'integer' || kind === 'real') return typeof value === 'number' ? value : Number(value);
  return value;
}

/**
 * Native value → wire datum. A uuid-typed string that is not a uuid is sent
 * as a named-uuid, so rows inserted earlier in the same transaction can be
 * referenced by their `uuid-name`. Throws on a value of the wrong shape.
 */
export function encodeDatum(type: ColumnType, value: NativeDatum): WireDatum {
  const shape = shapeOf(type);
  if (shape === 'map') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('a map column needs an object');
    return ['map', Object.entries(value).map(([k, v]) => [encodeAtom(type.key, k), encodeAtom(type.value!, v)])];
  }
  if (shape === 'scalar') {
    if (value === null || typeof value === 'object') throw new TypeError('a scalar column needs an atom');
    return encodeAtom(type.key, value);
  }
  const atoms = value === null ? [] : Array.isArray(value) ? value : typeof value === 'object' ? undefined : [value];
  if (atoms === undefined) throw new TypeError('a set column needs an array, an atom or null');
  return ['set', atoms.map((atom) => encodeAtom(type.key, atom))];
}

/** Equality of native values (maps by keys, sets as unordered). */
export function datumEquals(a: NativeDatum, b: NativeDatum): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const sorted = (x: NativeAtom[]) => x.map((v) => JSON.stringify(v)).sort();
    const [x, y] = [sorted(a), sorted(b)];
    return x.every((v, i) => v === y[i]);
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
