// The plain records the AWS readers return and the checklist rules read: shapes only, no code, so
// that the bottom layer (lib/aws) and the pure rules (lib/checks) share them without importing
// each other.

// A type, not an interface: it is stored as JSON, which needs the implicit index signature.
export type InlinePolicyData = {
  name: string;
  /** The document as JSON text or URL-encoded JSON text, as AWS sent it. */
  document: string;
};

export interface IamUserData {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  permissionsBoundaryArn: string | null;
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicyData[];
}

export interface IamGroupData {
  groupName: string;
  groupId: string;
  arn: string;
  path: string;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicyData[];
}

export interface IamRoleData {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  createDate: Date;
  /** The trust policy as JSON text or URL-encoded JSON text. */
  trustPolicy: string;
  /** Seconds; null when it could not be read (it comes from ListRoles, not the authorization details). */
  maxSessionDuration: number | null;
  permissionsBoundaryArn: string | null;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicyData[];
  lastUsedAt: Date | null;
}

export interface IamPolicyData {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  isAwsManaged: boolean;
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
  defaultVersionId: string;
  /** The default version's document as JSON text or URL-encoded JSON text. */
  document: string;
}

/** GetAccountPasswordPolicy's fields (null where AWS left one out). */
export interface PasswordPolicyFields {
  minimumPasswordLength: number | null;
  requireSymbols: boolean | null;
  requireNumbers: boolean | null;
  requireUppercaseCharacters: boolean | null;
  requireLowercaseCharacters: boolean | null;
  allowUsersToChangePassword: boolean | null;
  expirePasswords: boolean | null;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean | null;
}

export interface FindingData {
  id: string;
  analyzerArn: string;
  region: string;
  /** ExternalAccess, InternalAccess, UnusedIAMRole, UnusedIAMUserAccessKey, UnusedIAMUserPassword, UnusedPermission */
  findingType: string;
  resourceType: string;
  resource: string;
  resourceOwnerAccount: string;
  /** "ACTIVE" | "ARCHIVED" | "RESOLVED" */
  status: string;
  createdAt: Date;
  updatedAt: Date;
}
