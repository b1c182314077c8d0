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
    /** How many attempts the SDK made (retries included), when it says. */
    readonly attempts?: number,
  ) {
    super(message);
  }

  /** One line for the UI and the run log: the action, the code, the HTTP status and retries, AWS's message. */
  describe(): string {
    const facts = [
      this.httpStatus !== undefined ? `HTTP ${this.httpStatus}` : '',
      this.kind === 'throttled' && this.attempts !== undefined ? `throttled after ${this.attempts} attempts` : '',
    ].filter((fact) => fact !== '');
    return `${this.action}: ${this.code}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}${this.message ? ` — ${this.message}` : ''}`;
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
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
  $response?: { statusCode?: unknown };
};

export function toAwsCallError(error: unknown, action: string): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError;
  const code = String(e.Code ?? e.name ?? 'Error');
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status =
    typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : typeof e.$response?.statusCode === 'number' ? e.$response.statusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  let kind: AwsErrorKind;
  if (deniedCodes.has(code) || status === 403) kind = 'access-denied';
  else if (throttledCodes.has(code) || status === 429) kind = 'throttled';
  else if (code === 'NoSuchEntity' || code === 'NoSuchEntityException' || code === 'ResourceNotFoundException') kind = 'not-found';
  // A server error whose body is not what the protocol promises (an HTML error page from a proxy or
  // the service) is first of all a server error: say the status, not "could not parse".
  else if (status !== undefined && status >= 500) {
    const unparsed = isMalformed(e, message);
    return new AwsCallError('service', action, unparsed ? `HTTP${status}` : code, unparsed ? `the service answered HTTP ${status} with a body that is not an AWS error (${message.slice(0, 200)})` : message, status, requestId, attempts);
  } else if (isMalformed(e, message)) kind = 'malformed';
  else if (isNetwork(e)) kind = 'network';
  else if (e.$fault === 'server') kind = 'service';
  else kind = 'client';
  return new AwsCallError(kind, action, code, message, status, requestId, attempts);
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
