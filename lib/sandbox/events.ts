import 'server-only';

import type {
  AccountState,
  CloudTrailEventRecord,
  EventResource,
  EventUserIdentity,
  IamRole,
  IamUser,
  JsonObject,
  JsonValue,
} from './model';
import { makeAccessKeyId, type Rng } from './random';
import { isoSeconds } from './xml';

// Building CloudTrail management events for the demo data, and rendering the CloudTrailEvent JSON
// string that LookupEvents returns.

export interface EventActor {
  identity: EventUserIdentity;
  /** The LookupEvents `Username` (the user name, "root", or the role session name). */
  username: string | null;
  accessKeyId: string | null;
  userAgent: string;
  sourceIPAddress: string;
}

export const USER_AGENTS = {
  cli: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off',
  console: 'AWS Internal',
  browser: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  terraform: 'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 aws-sdk-go-v2/1.25.3',
  sdkJs: 'aws-sdk-js/3.540.0 ua/2.0 os/linux#6.1.0 lang/js md/nodejs#20.11.1 api/iam#3.540.0',
  boto: 'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.210 md/arch#x86_64 lang/python#3.12.2 cfg/retry-mode#legacy Botocore/1.34.69',
} as const;

/** The API call each service's "last used" maps to when we invent the event behind it. */
const SERVICE_CALLS: Record<string, { eventName: string; eventSource: string; resourceType?: string }> = {
  iam: { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com' },
  s3: { eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' },
  ec2: { eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com' },
  sts: { eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com' },
  cloudformation: { eventName: 'DescribeStacks', eventSource: 'cloudformation.amazonaws.com' },
  lambda: { eventName: 'ListFunctions20150331', eventSource: 'lambda.amazonaws.com' },
  ecr: { eventName: 'GetAuthorizationToken', eventSource: 'ecr.amazonaws.com' },
  logs: { eventName: 'DescribeLogGroups', eventSource: 'logs.amazonaws.com' },
  dynamodb: { eventName: 'DescribeTable', eventSource: 'dynamodb.amazonaws.com' },
  kms: { eventName: 'ListKeys', eventSource: 'kms.amazonaws.com' },
};

export function serviceCall(service: string): { eventName: string; eventSource: string } {
  return SERVICE_CALLS[service] ?? { eventName: 'ListUsers', eventSource: 'iam.amazonaws.com' };
}

const NO_RESOURCES: EventResource[] = [];
const LOGIN_SUCCESS: JsonObject = { ConsoleLogin: 'Success' };
const LOGIN_FAILURE: JsonObject = { ConsoleLogin: 'Failure' };
const LOGIN_TO = 'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1';
const LOGIN_WITH_MFA: JsonObject = { LoginTo: LOGIN_TO, MobileVersion: 'No', MFAUsed: 'Yes' };
const LOGIN_WITHOUT_MFA: JsonObject = { LoginTo: LOGIN_TO, MobileVersion: 'No', MFAUsed: 'No' };

const IPS = ['203.0.113.24', '203.0.113.87', '198.51.100.14', '198.51.100.201', '192.0.2.45', '192.0.2.130'];

export class EventLog {
  private readonly byRegion = new Map<string, CloudTrailEventRecord[]>();

  constructor(
    private readonly rng: Rng,
    private readonly account: AccountState,
  ) {}

  ip(): string {
    return this.rng.pick(IPS);
  }

  userActor(user: IamUser, via: 'console' | 'key', userAgent?: string): EventActor {
    const key = user.accessKeys.find((k) => k.status === 'Active') ?? user.accessKeys[0];
    const accessKeyId = via === 'key' && key ? key.accessKeyId : makeAccessKeyId(this.rng, 'ASIA');
    return {
      identity: {
        type: 'IAMUser',
        principalId: user.userId,
        arn: user.arn,
        accountId: this.account.id,
        accessKeyId,
        userName: user.userName,
        mfaAuthenticated: via === 'console' ? user.mfaDevices.length > 0 : false,
      },
      username: user.userName,
      accessKeyId,
      userAgent: userAgent ?? (via === 'console' ? USER_AGENTS.console : USER_AGENTS.cli),
      sourceIPAddress: this.ip(),
    };
  }

  rootActor(via: 'console' | 'key'): EventActor {
    const key = this.account.root.accessKeys[0];
    const accessKeyId = via === 'key' && key ? key.accessKeyId : makeAccessKeyId(this.rng, 'ASIA');
    return {
      identity: {
        type: 'Root',
        principalId: this.account.id,
        arn: this.account.root.arn,
        accountId: this.account.id,
        accessKeyId,
        mfaAuthenticated: via === 'console' && this.account.root.mfa !== null,
      },
      username: 'root',
      accessKeyId,
      userAgent: via === 'console' ? USER_AGENTS.console : USER_AGENTS.cli,
      sourceIPAddress: this.ip(),
    };
  }

  roleActor(role: IamRole, sessionName: string, userAgent: string = USER_AGENTS.sdkJs): EventActor {
    const accessKeyId = makeAccessKeyId(this.rng, 'ASIA');
    return {
      identity: {
        type: 'AssumedRole',
        principalId: `${role.roleId}:${sessionName}`,
        arn: `arn:aws:sts::${this.account.id}:assumed-role/${role.roleName}/${sessionName}`,
        accountId: this.account.id,
        accessKeyId,
        sessionIssuer: { type: 'Role', principalId: role.roleId, arn: role.arn, accountId: this.account.id, userName: role.roleName },
        mfaAuthenticated: false,
      },
      username: sessionName,
      accessKeyId,
      userAgent,
      sourceIPAddress: this.ip(),
    };
  }

  /** A caller from another account, as the role's own account sees it. */
  externalAccountActor(accountId: string, principalId: string, sessionName: string | null): EventActor {
    return {
      identity: { type: 'AWSAccount', principalId, accountId },
      username: sessionName,
      accessKeyId: null,
      userAgent: USER_AGENTS.sdkJs,
      sourceIPAddress: this.ip(),
    };
  }

  serviceActor(service: string): EventActor {
    return {
      identity: { type: 'AWSService', invokedBy: service },
      username: null,
      accessKeyId: null,
      userAgent: service,
      sourceIPAddress: service,
    };
  }

  add(
    actor: EventActor,
    input: {
      eventName: string;
      eventSource: string;
      time: Date;
      region?: string;
      readOnly?: boolean;
      requestParameters?: JsonObject | null;
      responseElements?: JsonObject | null;
      resources?: EventResource[];
      errorCode?: string;
      errorMessage?: string;
      eventType?: 'AwsApiCall' | 'AwsConsoleSignIn';
      additionalEventData?: JsonObject;
      sharedEventId?: string;
    },
  ): CloudTrailEventRecord {
    const region = input.region ?? 'us-east-1';
    const record: CloudTrailEventRecord = {
      eventId: this.rng.uuid(),
      eventName: input.eventName,
      eventSource: input.eventSource,
      eventTime: input.time,
      region,
      readOnly: input.readOnly ?? false,
      eventType: input.eventType ?? 'AwsApiCall',
      username: actor.username,
      accessKeyId: actor.accessKeyId,
      userIdentity: actor.identity,
      sourceIPAddress: actor.sourceIPAddress,
      userAgent: actor.userAgent,
      requestParameters: input.requestParameters ?? null,
      responseElements: input.responseElements ?? null,
      additionalEventData: input.additionalEventData ?? null,
      errorCode: input.errorCode ?? null,
      errorMessage: input.errorMessage ?? null,
      resources: input.resources ?? NO_RESOURCES,
      recipientAccountId: this.account.id,
      requestId: this.rng.uuid(),
      sharedEventId: input.sharedEventId ?? null,
    };
    let list = this.byRegion.get(region);
    if (!list) {
      list = [];
      this.byRegion.set(region, list);
    }
    list.push(record);
    return record;
  }

  consoleLogin(actor: EventActor, time: Date, mfaUsed: boolean, success = true, region = 'us-east-1'): void {
    this.add(
      { ...actor, accessKeyId: null, userAgent: USER_AGENTS.browser },
      {
        eventName: 'ConsoleLogin',
        eventSource: 'signin.amazonaws.com',
        eventType: 'AwsConsoleSignIn',
        time,
        region,
        responseElements: success ? LOGIN_SUCCESS : LOGIN_FAILURE,
        additionalEventData: mfaUsed ? LOGIN_WITH_MFA : LOGIN_WITHOUT_MFA,
        ...(success ? {} : { errorMessage: 'Failed authentication' }),
      },
    );
  }

  assumeRole(
    actor: EventActor,
    role: IamRole,
    time: Date,
    sessionName: string,
    options: { region?: string; externalId?: string } = {},
  ): void {
    const accessKeyId = makeAccessKeyId(this.rng, 'ASIA');
    const expiration = new Date(time.getTime() + 3600_000);
    const requestParameters: JsonObject = { roleArn: role.arn, roleSessionName: sessionName, durationSeconds: 3600 };
    if (options.externalId) requestParameters.externalId = options.externalId;
    this.add(actor, {
      eventName: 'AssumeRole',
      eventSource: 'sts.amazonaws.com',
      time,
      region: options.region ?? 'us-east-1',
      readOnly: true,
      requestParameters,
      responseElements: {
        credentials: { accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${accessKeyId}`, expiration: formatCloudTrailExpiration(expiration) },
        assumedRoleUser: { assumedRoleId: `${role.roleId}:${sessionName}`, arn: `arn:aws:sts::${this.account.id}:assumed-role/${role.roleName}/${sessionName}` },
      },
      resources: [
        { type: 'AWS::IAM::AccessKey', name: accessKeyId },
        { type: 'AWS::STS::AssumedRole', name: sessionName },
        { type: 'AWS::IAM::Role', name: role.arn },
      ],
      sharedEventId: actor.identity.type === 'AWSAccount' ? this.rng.uuid() : undefined,
    });
  }

  /** Events by region, newest first. */
  finish(): Record<string, CloudTrailEventRecord[]> {
    const out: Record<string, CloudTrailEventRecord[]> = {};
    for (const [region, list] of this.byRegion) {
      out[region] = list.sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime());
    }
    return out;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** CloudTrail writes STS credential expirations as "Jan 2, 2024, 4:04:05 AM". */
export function formatCloudTrailExpiration(date: Date): string {
  const hours = date.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()] ?? 'Jan'} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${h12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

function identityJson(identity: EventUserIdentity, eventTime: Date): JsonObject {
  const out: JsonObject = { type: identity.type };
  if (identity.principalId !== undefined) out.principalId = identity.principalId;
  if (identity.arn !== undefined) out.arn = identity.arn;
  if (identity.accountId !== undefined) out.accountId = identity.accountId;
  if (identity.accessKeyId !== undefined) out.accessKeyId = identity.accessKeyId;
  if (identity.userName !== undefined) out.userName = identity.userName;
  if (identity.invokedBy !== undefined) out.invokedBy = identity.invokedBy;
  if (identity.type === 'AssumedRole' || identity.type === 'IAMUser' || identity.type === 'Root') {
    const context: JsonObject = {
      attributes: {
        creationDate: isoSeconds(new Date(eventTime.getTime() - 600_000)),
        mfaAuthenticated: identity.mfaAuthenticated ? 'true' : 'false',
      },
    };
    if (identity.sessionIssuer) {
      context.sessionIssuer = { ...identity.sessionIssuer };
      context.webIdFederationData = {};
    }
    out.sessionContext = context;
  }
  return out;
}

const HOSTS: Record<string, string> = {
  'iam.amazonaws.com': 'iam.amazonaws.com',
  'sts.amazonaws.com': 'sts.amazonaws.com',
  'signin.amazonaws.com': 'signin.aws.amazon.com',
};

/** The CloudTrailEvent JSON string for one record, field order as CloudTrail writes it. */
export function renderCloudTrailEvent(event: CloudTrailEventRecord): string {
  const json: { [key: string]: JsonValue } = {
    eventVersion: event.eventType === 'AwsConsoleSignIn' ? '1.09' : '1.10',
    userIdentity: identityJson(event.userIdentity, event.eventTime),
    eventTime: isoSeconds(event.eventTime),
    eventSource: event.eventSource,
    eventName: event.eventName,
    awsRegion: event.region,
    sourceIPAddress: event.sourceIPAddress,
    userAgent: event.userAgent,
  };
  if (event.errorCode !== null) json.errorCode = event.errorCode;
  if (event.errorMessage !== null) json.errorMessage = event.errorMessage;
  json.requestParameters = event.requestParameters;
  json.responseElements = event.responseElements;
  if (event.additionalEventData !== null) json.additionalEventData = event.additionalEventData;
  if (event.eventType === 'AwsApiCall') json.requestID = event.requestId;
  json.eventID = event.eventId;
  json.readOnly = event.readOnly;
  const arnResources = event.resources.filter((resource) => resource.name.startsWith('arn:'));
  if (arnResources.length > 0) {
    json.resources = arnResources.map((resource) => ({
      accountId: event.recipientAccountId,
      type: resource.type,
      ARN: resource.name,
    }));
  }
  json.eventType = event.eventType;
  json.managementEvent = true;
  json.recipientAccountId = event.recipientAccountId;
  if (event.sharedEventId !== null) json.sharedEventID = event.sharedEventId;
  json.eventCategory = 'Management';
  const host = HOSTS[event.eventSource] ?? event.eventSource.replace('.amazonaws.com', `.${event.region}.amazonaws.com`);
  if (event.userIdentity.type !== 'AWSService') {
    json.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
  }
  return JSON.stringify(json);
}
