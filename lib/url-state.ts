import type { z } from 'zod';

// A screen's view (filters, sort, page…) kept in its URL, read and written by the zod schema of the
// route that serves it: the URL holds only what differs from the schema's defaults, and a
// hand-edited value that does not parse falls back to its default instead of breaking the screen.

export type UrlSchema = z.ZodObject;
export type UrlValue = string | number | boolean | readonly string[] | null | undefined;
/** A change to the view: undefined (or the default) removes the parameter. */
export type UrlPatch<S extends UrlSchema> = { [K in keyof z.output<S>]?: UrlValue };

export type UrlStateOptions<S extends UrlSchema> = {
  /** The URL's name of a field when it is not the field's own (two schemas on one screen). */
  names?: { [K in keyof z.output<S>]?: string };
  /** Fields the URL does not hold: they stay at their defaults. */
  omit?: readonly (keyof z.output<S>)[];
  /** Fields that go back to their default when any other field changes (the page, after a new filter). */
  resets?: readonly (keyof z.output<S>)[];
};

function fieldsOf<S extends UrlSchema>(schema: S, options: UrlStateOptions<S>): { field: string; name: string }[] {
  const omit = new Set<PropertyKey>(options.omit ?? []);
  const names = (options.names ?? {}) as Record<string, string | undefined>;
  return Object.keys(schema.shape)
    .filter((field) => !omit.has(field))
    .map((field) => ({ field, name: names[field] ?? field }));
}

function parsed<S extends UrlSchema>(schema: S, input: Record<string, string>): z.output<S> | null {
  const r = schema.safeParse(input);
  return r.success ? r.data : null;
}

/** The schema's defaults: the view of a URL without parameters. */
export function urlDefaults<S extends UrlSchema>(schema: S): z.output<S> {
  return schema.parse({});
}

/**
 * The view a URL holds, and the fields it holds that did not parse. Each value is tried alone
 * when the whole does not parse; if the kept ones still fail together (e.g. min above max), the
 * view is the defaults.
 */
export function readUrlState<S extends UrlSchema>(schema: S, params: URLSearchParams, options: UrlStateOptions<S> = {}): { value: z.output<S>; invalid: (keyof z.output<S>)[] } {
  const raw: Record<string, string> = {};
  for (const { field, name } of fieldsOf(schema, options)) {
    const v = params.get(name);
    if (v !== null && v !== '') raw[field] = v;
  }
  const whole = parsed(schema, raw);
  if (whole) return { value: whole, invalid: [] };
  const kept: Record<string, string> = {};
  const invalid: (keyof z.output<S>)[] = [];
  for (const [field, v] of Object.entries(raw)) {
    if (parsed(schema, { [field]: v }) !== null) kept[field] = v;
    else invalid.push(field as keyof z.output<S>);
  }
  return { value: parsed(schema, kept) ?? urlDefaults(schema), invalid };
}

function written(value: UrlValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value.join(',') : undefined;
  const text = String(value);
  return text === '' ? undefined : text;
}

/**
 * The URL's parameters after a change: other parameters (of other views on the screen) are kept,
 * a value equal to its default is left out, and `resets` fields go back to their default unless
 * the change names them.
 */
export function writeUrlState<S extends UrlSchema>(schema: S, current: URLSearchParams, patch: UrlPatch<S>, options: UrlStateOptions<S> = {}): URLSearchParams {
  const next = new URLSearchParams(current);
  const defaults = urlDefaults(schema) as Record<string, UrlValue>;
  const fields = new Map(fieldsOf(schema, options).map(({ field, name }) => [field, name]));
  const changes = Object.entries(patch as Record<string, UrlValue>).filter(([field]) => fields.has(field));
  for (const [field, value] of changes) {
    const name = fields.get(field) ?? field;
    const text = written(value);
    if (text === undefined || text === written(defaults[field])) next.delete(name);
    else next.set(name, text);
  }
  if (changes.length > 0) {
    for (const field of (options.resets ?? []) as string[]) {
      if (!(field in patch)) next.delete(fields.get(field) ?? field);
    }
  }
  return next;
}

/** "?a=1&b=2", or "" when there is nothing to say. */
export function queryString(params: URLSearchParams): string {
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
