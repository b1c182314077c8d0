import 'server-only';

// AWS failures as values Warden can reason about: what kind of failure, on which IAM action, in
// AWS's own words. Nothing above lib/aws sees an SDK error.

export type AwsErrorKind = 'access-denied' | 'throttled' | 'not-found' | 'service' | 'network' | 'malformed' | 'client';

export class AwsCallError extends Error {
  override name = 'AwsCallError';

  constructor(
    readonly kind: AwsErrorKind,
    /** The IAM action that failed, e.g. "iam:GetAccountPasswordPolicy". */
    readonly action: string,
    /** AWS's error code, e.g. "AccessDenied", or the SDK's error name. */
    readonly code: string,
    message: string,
    readonly httpStatus?: number,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** One line for the UI and the run log: the action, the code and AWS's message. */
  describe(): string {
    return `${this.action}: ${this.code}${this.message ? ` — ${this.message}` : ''}`;
  }
}

const deniedCodes = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'NotAuthorized',
  'AuthorizationError',
]);
const throttledCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorRequestNotComplete',
]);

type SdkLikeError = {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
};

export function toAwsCallError(error: unknown, action: string): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError;
  const code = String(e.Code ?? e.name ?? 'Error');
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  let kind: AwsErrorKind;
  if (deniedCodes.has(code) || status === 403) kind = 'access-denied';
  else if (throttledCodes.has(code) || status === 429) kind = 'throttled';
  else if (code === 'NoSuchEntity' || code === 'NoSuchEntityException' || code === 'ResourceNotFoundException') kind = 'not-found';
  else if (isMalformed(e, message)) kind = 'malformed';
  else if (isNetwork(e)) kind = 'network';
  else if (e.$fault === 'server' || (status !== undefined && status >= 500)) kind = 'service';
  else kind = 'client';
  return new AwsCallError(kind, action, code, message, status, requestId);
}

function isMalformed(e: SdkLikeError, message: string): boolean {
  // The SDK throws a SyntaxError or a deserialization error when a body cannot be parsed.
  return e.name === 'SyntaxError' || /deserializ|Unexpected token|not valid JSON|parse/i.test(message);
}

function isNetwork(e: SdkLikeError): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code) || e.name === 'TimeoutError';
}

/** Runs one AWS call and turns any failure into an AwsCallError naming the IAM action. */
export async function callAws<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toAwsCallError(error, action);
  }
}
