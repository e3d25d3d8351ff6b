// Values for the OpenAPI-driven fuzz test: a seeded random source (same seed → same requests, so a
// failure replays), valid-looking values generated from an operation's JSON schema, and the hostile
// values the hardening review found or suspects (NUL, lone surrogates, int4 edges, huge, deep).

/** mulberry32: tiny, fast and good enough to pick cases; deterministic for a fixed seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    uuid: () =>
      'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(next() * 16).toString(16)),
  };
}
export type Random = ReturnType<typeof seededRandom>;

const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [nested(depth - 1, leaf)]);
const nestedObject = (depth: number): unknown => (depth === 0 ? 'x' : { a: nestedObject(depth - 1) });

export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\udbff\ud800',
  'x'.repeat(20_000),
  '界'.repeat(5_000),
  '',
  '   ',
  '<b>unclosed',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '%00',
  '../../etc/passwd',
  '\u202eevil',
  '\uffff\ufffe',
  '2147483648',
  '-1',
  '1.5',
  'NaN',
  '9007199254740993',
];

export const HOSTILE_NUMBERS = [
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53),
  -1,
  0,
  1.5,
  -0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
];

export const HOSTILE_OTHERS: unknown[] = [
  true,
  null,
  [],
  {},
  ['\u0000'],
  nested(40, 1),
  nestedObject(40),
  Array.from({ length: 1_000 }, (_, i) => i),
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
];

export function hostileValue(r: Random): unknown {
  const roll = r.next();
  if (roll < 0.5) return r.pick(HOSTILE_STRINGS);
  if (roll < 0.8) return r.pick(HOSTILE_NUMBERS);
  return r.pick(HOSTILE_OTHERS);
}

/** Text for a path segment or query value; lone surrogates as the UTF-8 bytes a client could send. */
export function encodeUrlValue(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^%\w.-]/g, (c) => encodeURIComponent(c));
  }
}

/** Raw JSON texts no schema-generated value can be: malformed, or numbers JSON.stringify cannot write. */
export const RAW_BODIES = [
  '{"a":',
  '{'.repeat(5_000),
  '[1,2,',
  '{"version": 1e999, "villageId": -1e999}',
  '{"villageId": 123456789012345678901234567890}',
  '{"topics": ["\\u0000"]}',
  '{"text": "\\ud800", "note": "\\udfff"}',
  '"just a string"',
  'null',
  '12',
  'not json at all',
  '\u0000',
];

// ------------------------------------------------------------------------------------------------
// Valid-looking values from the OpenAPI document's schemas.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

export interface ValueContext {
  r: Random;
  resolve(ref: string): JsonSchema;
  /** Ids of records the fuzz users own, for uuid fields (otherwise every request would be a 404). */
  uuids: readonly string[];
  /** The record a uuid field of this name should usually point at (its caller's own). */
  uuidFor?: Record<string, string>;
  /** Integers that are valid-looking but never touch other tests' rows (the fuzz village, unknown ids). */
  ints: readonly number[];
}

const TEXT_PIECES = [
  '测试',
  '東山村',
  'Alice',
  '😀',
  '👨‍👩‍👧',
  'é',
  ' ',
  'a',
  '1',
  '<b>粗</b>',
  '&amp;',
  '\n',
];

/** Mixed-script text whose UTF-16 length (what zod's max counts) is within [min, max]. */
function text(ctx: ValueContext, min: number, max: number): string {
  const target = ctx.r.int(min, Math.max(min, Math.min(max, 40)));
  let s = '';
  while (s.length < target) {
    const piece = ctx.r.pick(TEXT_PIECES);
    s += s.length + piece.length <= Math.min(max, 40) ? piece : 'a';
  }
  return s;
}

function stringValue(schema: JsonSchema, ctx: ValueContext, name: string): string {
  const { r } = ctx;
  if (schema.format === 'uuid') {
    const own = ctx.uuidFor?.[name];
    if (own && r.chance(0.7)) return own;
    return r.chance(0.5) && ctx.uuids.length ? r.pick(ctx.uuids) : r.uuid();
  }
  if (schema.format === 'date-time')
    return new Date(Date.UTC(2026, r.int(0, 11), r.int(1, 28))).toISOString();
  if (schema.format === 'date') return `20${r.int(10, 30)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
  if (name === 'slug' || schema.pattern?.includes('a-z0-9')) return `fuzz-${r.int(1, 3)}`;
  if (/date|since/i.test(name)) return `19${r.int(50, 99)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
  if (/idNumber/.test(name)) return r.pick(['11010519491231002X', '110105194912310021', '123']);
  if (/villageIds/.test(name)) return ctx.ints.slice(0, r.int(0, 2)).join(',');
  if (/phone/.test(name)) return r.pick(['13800138000', '123']);
  if (name === 'target')
    return r.pick(['field:applicant.name', 'document:id_card', 'other', 'https://example.org']);
  return text(ctx, schema.minLength ?? 0, schema.maxLength ?? 40);
}

/** A value `schema` probably accepts (field names steer a few formats zod's regexes expect). */
export function validValue(schema: JsonSchema, ctx: ValueContext, name = '', depth = 0): unknown {
  const { r } = ctx;
  if (schema.$ref) return validValue(ctx.resolve(schema.$ref), ctx, name, depth);
  if (schema.nullable && r.chance(0.1)) return null;
  if (schema.enum) return r.pick(schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return validValue(r.pick(branches), ctx, name, depth);
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((s) => validValue(s, ctx, name, depth) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return stringValue(schema, ctx, name);
    case 'integer':
    case 'number': {
      if (/village|Id$/.test(name) && ctx.ints.length) return r.pick(ctx.ints);
      const lo = Math.max(schema.minimum ?? 0, -1000);
      const n = r.int(lo, Math.max(lo, Math.min(schema.maximum ?? 1000, 1000)));
      return type === 'number' && r.chance(0.2) ? n + 0.5 : n;
    }
    case 'boolean':
      return r.chance(0.5);
    case 'array': {
      if (depth > 6) return [];
      const count = r.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
      return Array.from({ length: count }, () => validValue(schema.items ?? {}, ctx, name, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 6) return out;
      const required = new Set(schema.required ?? []);
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || r.chance(0.6)) out[key] = validValue(prop, ctx, key, depth + 1);
      }
      return out;
    }
    default:
      return r.pick(['x', 1, true]);
  }
}

/** The value with one hostile change: a leaf (or the whole) replaced, a key added or removed. */
export function mutate(value: unknown, r: Random): unknown {
  if (typeof value !== 'object' || value === null || r.chance(0.1)) return hostileValue(r);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const roll = r.next();
  if (keys.length === 0 || roll < 0.12) {
    (copy as Record<string, unknown>)[r.pick(['extra', '__proto__', 'constructor', '\u0000', 'ok'])] =
      hostileValue(r);
    return copy;
  }
  const key = r.pick(keys);
  const record = copy as Record<string, unknown>;
  if (roll < 0.2) delete record[key];
  else if (roll < 0.55) record[key] = mutate(record[key], r);
  else record[key] = hostileValue(r);
  return copy;
}

/**
 * Single-fault injection: exactly one leaf of a valid value becomes a hostile value of its own type
 * (text → hostile text, number → hostile number), so the rest still passes its schema and the
 * fault reaches as deep as it can.
 */
export function injectFault(value: unknown, r: Random): unknown {
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string' || typeof v === 'number') leaves.push(path);
    else if (Array.isArray(v)) for (const [i, item] of v.entries()) walk(item, [...path, i]);
    else if (typeof v === 'object' && v !== null)
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
  };
  walk(value, []);
  if (leaves.length === 0) return mutate(value, r);
  const path = r.pick(leaves);
  const copy = structuredClone(value);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = typeof node[last] === 'number' ? r.pick(HOSTILE_NUMBERS) : r.pick(HOSTILE_STRINGS);
  return path.length === 0 ? node[last] : copy;
}
