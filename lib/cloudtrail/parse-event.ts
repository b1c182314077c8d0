// A CloudTrail event document (the CloudTrailEvent JSON string of LookupEvents) reduced to what
// Warden keeps. Pure: hostile input yields nulls, never a throw past this function's contract.

export const keyEventNames = ['CreateUser', 'CreateAccessKey', 'AttachUserPolicy', 'CreateRole', 'UpdateAssumeRolePolicy', 'ConsoleLogin', 'AssumeRole'] as const;
export type KeyEventName = (typeof keyEventNames)[number];

/** IAM is a global service: its events are recorded in us-east-1 only. */
export const globalIamEventNames: readonly KeyEventName[] = ['CreateUser', 'CreateAccessKey', 'AttachUserPolicy', 'CreateRole', 'UpdateAssumeRolePolicy'];
export const regionalEventNames: readonly KeyEventName[] = ['ConsoleLogin', 'AssumeRole'];

export type ParsedTrailEvent = {
  userType: string | null;
  userName: string | null;
  userArn: string | null;
  userAccountId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  mfaUsed: boolean | null;
  errorCode: string | null;
  recipientAccountId: string | null;
  isRoot: boolean;
  isConsoleLogin: boolean;
  /** AssumeRole of a role in another account than the caller's. */
  isCrossAccount: boolean;
  /** For AssumeRole: the role assumed. */
  targetRoleArn: string | null;
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown, max = 2048): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);
const accountOfArn = (arn: string | null): string | null => (arn ? (/^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? null) : null);

export class CloudTrailEventError extends Error {
  override name = 'CloudTrailEventError';
}

export function parseCloudTrailEvent(text: string, eventName: string): ParsedTrailEvent {
  let doc: Json;
  try {
    doc = obj(JSON.parse(text));
  } catch {
    throw new CloudTrailEventError(`CloudTrailEvent of ${eventName} is not valid JSON`);
  }
  const identity = obj(doc.userIdentity);
  const userType = str(identity.type, 64);
  const userArn = str(identity.arn);
  const sessionIssuer = obj(obj(identity.sessionContext).sessionIssuer);
  const userName = str(identity.userName, 256) ?? str(sessionIssuer.userName, 256) ?? (userType === 'Root' ? 'root' : null);
  const userAccountId = str(identity.accountId, 12) ?? accountOfArn(userArn);
  const extra = obj(doc.additionalEventData);
  const mfa = str(extra.MFAUsed, 8);
  const recipientAccountId = str(doc.recipientAccountId, 12);
  const roleArn = str(obj(doc.requestParameters).roleArn);
  const roleAccount = accountOfArn(roleArn);
  const callerAccount = userAccountId ?? null;
  return {
    userType,
    userName,
    userArn,
    userAccountId,
    sourceIp: str(doc.sourceIPAddress, 128),
    userAgent: str(doc.userAgent, 512),
    mfaUsed: mfa === 'Yes' ? true : mfa === 'No' ? false : null,
    errorCode: str(doc.errorCode, 128),
    recipientAccountId,
    isRoot: userType === 'Root',
    isConsoleLogin: eventName === 'ConsoleLogin',
    targetRoleArn: eventName === 'AssumeRole' ? roleArn : null,
    isCrossAccount:
      eventName === 'AssumeRole' &&
      callerAccount !== null &&
      userType !== 'AWSService' &&
      ((roleAccount !== null && roleAccount !== callerAccount) || (recipientAccountId !== null && recipientAccountId !== callerAccount)),
  };
}
