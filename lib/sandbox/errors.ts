import 'server-only';

import type { JsonObject } from './model';

// A service error as AWS reports it. The protocol layer turns it into XML (query) or JSON.

export interface AwsErrorOptions {
  /** 'Sender' (4xx) or 'Receiver' (5xx) in query-protocol errors. */
  type?: 'Sender' | 'Receiver';
  /** Extra members of the modelled error shape (e.g. resourceId, fieldList, Reason). */
  fields?: JsonObject;
  headers?: Record<string, string>;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
  readonly fields: JsonObject;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.type = options.type ?? (status >= 500 ? 'Receiver' : 'Sender');
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
  }
}

/** Query-protocol validation failure, as IAM and STS word it. */
export function validationError(message: string): AwsError {
  return new AwsError(400, 'ValidationError', message);
}

/** Access Analyzer's modelled ValidationException (message, reason, fieldList). */
export function accessAnalyzerValidation(field: string, message: string): AwsError {
  return new AwsError(400, 'ValidationException', message, {
    fields: { reason: 'fieldValidationFailed', fieldList: [{ name: field, message }] },
  });
}
