import 'server-only';

import type { AwsError } from './errors';
import type { JsonObject, JsonValue } from './model';

// Reading untrusted JSON request bodies field by field, failing with the service's own
// validation error.

export class JsonInput {
  constructor(
    private readonly body: JsonObject,
    private readonly invalid: (field: string, message: string) => AwsError,
  ) {}

  raw(name: string): JsonValue | undefined {
    return Object.prototype.hasOwnProperty.call(this.body, name) ? this.body[name] : undefined;
  }

  string(name: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) {
      if (options.required) throw this.invalid(name, `Value null at '${name}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (typeof value !== 'string') throw this.invalid(name, `Value at '${name}' must be a string`);
    if (options.max !== undefined && value.length > options.max) {
      throw this.invalid(name, `Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${options.max}`);
    }
    return value;
  }

  requiredString(name: string, max = 2048): string {
    const value = this.string(name, { required: true, max });
    if (value === undefined) throw this.invalid(name, `Value null at '${name}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  int(name: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.invalid(name, `Value at '${name}' must be an integer`);
    if (value < min || value > max) {
      throw this.invalid(name, `Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`);
    }
    return value;
  }

  stringList(name: string, maxItems = 1000): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.length > maxItems || value.some((item) => typeof item !== 'string')) {
      throw this.invalid(name, `Value at '${name}' must be a list of at most ${maxItems} strings`);
    }
    return value as string[];
  }

  object(name: string): JsonObject | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw this.invalid(name, `Value at '${name}' must be an object`);
    return value;
  }
}

/** Parses a request body that must be a JSON object (an empty body counts as {}). */
export function parseJsonObject(text: string): JsonObject | null {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    return parsed as JsonObject;
  } catch {
    return null;
  }
}
