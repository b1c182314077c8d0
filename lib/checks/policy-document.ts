// IAM policy documents evaluated from their JSON: statements normalised once, then actions,
// resources and principals matched the way IAM does (wildcards, NotAction/NotResource, Deny wins).
// Where the document leaves a question open (conditions, policy variables) the answers lean
// towards "allowed", because the checks built on them must never report a false pass.
import { globMatches } from '@/lib/checks/glob';

export type PolicyEffect = 'Allow' | 'Deny';

export interface PrincipalSet {
  /** `"Principal": "*"` or `{"AWS": "*"}`: anyone. */
  wildcard: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

/** Condition operator → condition key → values, as written (values turned into strings). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface PolicyStatement {
  /** Position in the document's Statement list (0-based). */
  index: number;
  sid: string | null;
  effect: PolicyEffect;
  action: string[] | null;
  notAction: string[] | null;
  resource: string[] | null;
  notResource: string[] | null;
  principal: PrincipalSet | null;
  notPrincipal: PrincipalSet | null;
  condition: ConditionBlock;
}

export interface PolicyDocument {
  version: string | null;
  statements: PolicyStatement[];
}

export class PolicyDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyDocumentError';
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns a policy document as AWS hands it out into JSON: GetAccountAuthorizationDetails and
 * GetRole return documents URL-encoded (RFC 3986); the store keeps them decoded.
 */
export function decodePolicyText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJson(trimmed);
  if (!trimmed.startsWith('%')) {
    throw new PolicyDocumentError('Policy document is neither JSON nor URL-encoded JSON');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    throw new PolicyDocumentError('Policy document has a malformed URL encoding');
  }
  try {
    return JSON.parse(decoded);
  } catch {
    // Form encoding writes spaces as "+"; JSON cannot contain a bare "+" outside strings.
    return parseJson(decodeURIComponent(trimmed.replace(/\+/g, '%20')));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyDocumentError(`Policy document is not valid JSON: ${message}`);
  }
}

function stringList(value: unknown, field: string, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) {
    return value;
  }
  throw new PolicyDocumentError(`${where}: ${field} must be a string or a list of strings`);
}

function conditionValues(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'boolean' || typeof item === 'number') return String(item);
    throw new PolicyDocumentError(`${where}: condition values must be strings, numbers or booleans`);
  });
}

function parsePrincipal(value: unknown, field: string, where: string): PrincipalSet {
  const set: PrincipalSet = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] };
  if (value === '*') {
    set.wildcard = true;
    return set;
  }
  if (!isObject(value)) {
    throw new PolicyDocumentError(`${where}: ${field} must be "*" or an object`);
  }
  for (const [kind, entries] of Object.entries(value)) {
    const list = stringList(entries, `${field}.${kind}`, where);
    switch (kind) {
      case 'AWS':
        for (const entry of list) {
          if (entry === '*') set.wildcard = true;
          else set.aws.push(entry);
        }
        break;
      case 'Service':
        set.service.push(...list);
        break;
      case 'Federated':
        set.federated.push(...list);
        break;
      case 'CanonicalUser':
        set.canonicalUser.push(...list);
        break;
      default:
        throw new PolicyDocumentError(`${where}: unknown principal type "${kind}"`);
    }
  }
  return set;
}

function parseCondition(value: unknown, where: string): ConditionBlock {
  if (value === undefined) return {};
  if (!isObject(value)) throw new PolicyDocumentError(`${where}: Condition must be an object`);
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) {
      throw new PolicyDocumentError(`${where}: Condition operator "${operator}" must map keys to values`);
    }
    const entries: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(keys)) entries[key] = conditionValues(values, where);
    block[operator] = entries;
  }
  return block;
}

function parseStatement(raw: unknown, index: number): PolicyStatement {
  const where = `Statement ${index + 1}`;
  if (!isObject(raw)) throw new PolicyDocumentError(`${where} is not an object`);
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyDocumentError(`${where}: Effect must be "Allow" or "Deny", not ${JSON.stringify(effect)}`);
  }
  const has = (field: string) => raw[field] !== undefined;
  if (has('Action') && has('NotAction')) {
    throw new PolicyDocumentError(`${where} has both Action and NotAction`);
  }
  if (!has('Action') && !has('NotAction')) {
    throw new PolicyDocumentError(`${where} has neither Action nor NotAction`);
  }
  if (has('Resource') && has('NotResource')) {
    throw new PolicyDocumentError(`${where} has both Resource and NotResource`);
  }
  const sid = raw['Sid'];
  return {
    index,
    sid: typeof sid === 'string' && sid !== '' ? sid : null,
    effect,
    action: has('Action') ? stringList(raw['Action'], 'Action', where) : null,
    notAction: has('NotAction') ? stringList(raw['NotAction'], 'NotAction', where) : null,
    resource: has('Resource') ? stringList(raw['Resource'], 'Resource', where) : null,
    notResource: has('NotResource') ? stringList(raw['NotResource'], 'NotResource', where) : null,
    principal: has('Principal') ? parsePrincipal(raw['Principal'], 'Principal', where) : null,
    notPrincipal: has('NotPrincipal') ? parsePrincipal(raw['NotPrincipal'], 'NotPrincipal', where) : null,
    condition: parseCondition(raw['Condition'], where),
  };
}

/** Parses a policy document: a JSON object, JSON text, or URL-encoded JSON text. */
export function parsePolicyDocument(input: unknown): PolicyDocument {
  const json = typeof input === 'string' ? decodePolicyText(input) : input;
  if (!isObject(json)) throw new PolicyDocumentError('Policy document is not a JSON object');
  const version = json['Version'];
  const rawStatements = json['Statement'];
  if (rawStatements === undefined) throw new PolicyDocumentError('Policy document has no Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  return {
    version: typeof version === 'string' ? version : null,
    statements: list.map((statement, index) => parseStatement(statement, index)),
  };
}

export type PolicyParseResult =
  | { ok: true; document: PolicyDocument }
  | { ok: false; error: string };

/** Like parsePolicyDocument, but a malformed document is a value the caller reports. */
export function tryParsePolicyDocument(input: unknown): PolicyParseResult {
  try {
    return { ok: true, document: parsePolicyDocument(input) };
  } catch (error) {
    if (error instanceof PolicyDocumentError) return { ok: false, error: error.message };
    throw error;
  }
}

/** All statements of several documents as one: identity-based policies are evaluated together. */
export function combinePolicyDocuments(documents: PolicyDocument[]): PolicyDocument {
  const statements: PolicyStatement[] = [];
  for (const document of documents) statements.push(...document.statements);
  return { version: null, statements };
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** IAM action matching: "*" and "?" wildcards, service prefix and action name case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern.trim(), action.trim(), true);
}

const policyVariable = /\$\{[^}]*\}/;

/**
 * ARN matching (case-sensitive). A policy variable such as ${aws:username} cannot be resolved
 * here: `variables` says whether it may match anything ("wildcard") or nothing ("never").
 */
export function resourceMatches(
  pattern: string,
  resource: string,
  variables: 'wildcard' | 'never' = 'wildcard',
): boolean {
  if (policyVariable.test(pattern)) {
    if (variables === 'never') return false;
    return globMatches(pattern.replace(/\$\{[^}]*\}/g, '*'), resource);
  }
  return globMatches(pattern, resource);
}

/** True for "*", "*:*" and the like: a pattern that names every action. */
export function isAllActionsPattern(pattern: string): boolean {
  const parts = pattern.trim().split(':');
  return parts.length <= 2 && parts.every((part) => /^\*+$/.test(part));
}

/** True for "*" and ARN patterns whose every part after the partition is a wildcard. */
export function isAllResourcesPattern(pattern: string): boolean {
  const trimmed = pattern.trim();
  if (/^\*+$/.test(trimmed)) return true;
  return /^arn(:(\*+|aws|aws-cn|aws-us-gov))?(:\*+)+$/.test(trimmed) || trimmed === 'arn:*';
}

function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.action !== null) return statement.action.some((pattern) => actionMatches(pattern, action));
  if (statement.notAction !== null) {
    return !statement.notAction.some((pattern) => actionMatches(pattern, action));
  }
  return false;
}

// `resource` "*" asks "on at least one resource" for an Allow and "on every resource" for a Deny:
// the two readings that keep an allowance visible.
function statementCoversResource(statement: PolicyStatement, resource: string): boolean {
  const any = resource === '*';
  if (statement.effect === 'Allow') {
    if (statement.resource !== null) {
      return any || statement.resource.some((pattern) => resourceMatches(pattern, resource, 'wildcard'));
    }
    if (statement.notResource !== null) {
      if (any) return !statement.notResource.some(isAllResourcesPattern);
      return !statement.notResource.some((pattern) => resourceMatches(pattern, resource, 'never'));
    }
    return true;
  }
  if (statement.resource !== null) {
    if (any) return statement.resource.some(isAllResourcesPattern);
    return statement.resource.some((pattern) => resourceMatches(pattern, resource, 'never'));
  }
  if (statement.notResource !== null) {
    if (any) return statement.notResource.length === 0;
    return !statement.notResource.some((pattern) => resourceMatches(pattern, resource, 'wildcard'));
  }
  return true;
}

export function hasConditions(statement: PolicyStatement): boolean {
  return Object.values(statement.condition).some((keys) => Object.keys(keys).length > 0);
}

export interface ActionEvaluation {
  /** "implicit-deny": no statement allows it. */
  decision: 'allowed' | 'denied' | 'implicit-deny';
  allowedBy: PolicyStatement[];
  deniedBy: PolicyStatement[];
  /** Every allowing statement carries a condition: allowed only in some requests. */
  conditional: boolean;
}

/**
 * Evaluates one action against a document's identity-policy statements. An explicit Deny only
 * overrides when it is unconditional: a conditional Deny does not remove the allowance in general.
 */
export function evaluateAction(document: PolicyDocument, action: string, resource = '*'): ActionEvaluation {
  const matching = document.statements.filter(
    (statement) => statementCoversAction(statement, action) && statementCoversResource(statement, resource),
  );
  const allowedBy = matching.filter((statement) => statement.effect === 'Allow');
  const deniedBy = matching.filter((statement) => statement.effect === 'Deny' && !hasConditions(statement));
  const decision = deniedBy.length > 0 ? 'denied' : allowedBy.length > 0 ? 'allowed' : 'implicit-deny';
  return {
    decision,
    allowedBy,
    deniedBy,
    conditional: allowedBy.length > 0 && allowedBy.every(hasConditions),
  };
}

/**
 * Whether the document allows `action` — on at least one resource when `resource` is "*",
 * otherwise on that ARN — after explicit Deny statements.
 */
export function allowsAction(document: PolicyDocument, action: string, resource = '*'): boolean {
  return evaluateAction(document, action, resource).decision === 'allowed';
}

function allowsOnAllResources(statement: PolicyStatement): boolean {
  return statement.resource !== null && statement.resource.some(isAllResourcesPattern);
}

/** Allow statements granting every action on every resource ("*" on "*"). */
export function findAdminStatements(document: PolicyDocument): PolicyStatement[] {
  return document.statements.filter(
    (statement) =>
      statement.effect === 'Allow' &&
      statement.action !== null &&
      statement.action.some(isAllActionsPattern) &&
      allowsOnAllResources(statement),
  );
}

export interface ServiceWideStatement {
  statement: PolicyStatement;
  /** Service prefixes granted whole, lower-case ("s3", "iam"). */
  services: string[];
}

/** Allow statements granting a whole service ("s3:*") on every resource. */
export function findServiceWideStatements(document: PolicyDocument): ServiceWideStatement[] {
  const found: ServiceWideStatement[] = [];
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow' || statement.action === null || !allowsOnAllResources(statement)) continue;
    if (statement.action.some(isAllActionsPattern)) continue;
    const services = statement.action
      .map((pattern) => pattern.trim().split(':'))
      .filter((parts): parts is [string, string] => parts.length === 2)
      .filter(([service, name]) => !service.includes('*') && !service.includes('?') && /^\*+$/.test(name))
      .map(([service]) => service.toLowerCase());
    if (services.length > 0) found.push({ statement, services: [...new Set(services)] });
  }
  return found;
}

/** Allow statements with NotAction on every resource: everything except a list. */
export function findBroadNotActionStatements(document: PolicyDocument): PolicyStatement[] {
  return document.statements.filter(
    (statement) =>
      statement.effect === 'Allow' &&
      statement.notAction !== null &&
      (allowsOnAllResources(statement) ||
        (statement.notResource !== null && !statement.notResource.some(isAllResourcesPattern))),
  );
}

// ---------------------------------------------------------------------------------------------
// Trust policies
// ---------------------------------------------------------------------------------------------

export const assumeRoleActions = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
] as const;

export type TrustPrincipalKind = 'any' | 'account' | 'service' | 'federated' | 'canonical-user' | 'unresolved';

export interface TrustGrant {
  statementIndex: number;
  sid: string | null;
  kind: TrustPrincipalKind;
  /** The principal as written ("*", an account id or ARN, a service or provider name). */
  principal: string;
  /** The 12-digit account of an AWS principal; null for "*", services, federated and unique ids. */
  accountId: string | null;
  /** Which of the AssumeRole actions the statement allows. */
  actions: string[];
  /** Condition keys present, as written ("sts:ExternalId"). */
  conditionKeys: string[];
  hasConditions: boolean;
  /** An enforcing condition on sts:ExternalId (not IfExists, not a negation, not just "*"). */
  hasExternalId: boolean;
  hasSourceAccount: boolean;
  hasSourceArn: boolean;
  hasPrincipalOrgId: boolean;
  /** An enforcing condition pins who the caller is (org, account, ARN, source account/ARN). */
  restrictsPrincipal: boolean;
  /** Allowed through NotPrincipal: everyone except the listed principals. */
  viaNotPrincipal: boolean;
  /** The statement itself, for rules that read condition values. */
  statement: PolicyStatement;
}

const principalPinningKeys = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

const enforcingOperators = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
]);

// An operator enforces a key only when the request must carry it with a matching value:
// "...IfExists" and "ForAllValues:" pass when the key is absent, negations allow everything else.
function isEnforcingOperator(operator: string): boolean {
  const lower = operator.toLowerCase();
  if (lower.endsWith('ifexists') || lower.startsWith('forallvalues:')) return false;
  return enforcingOperators.has(lower.replace(/^foranyvalue:/, ''));
}

/** Whether a statement's conditions enforce `key` (case-insensitive) with a real value. */
export function enforcesConditionKey(statement: PolicyStatement, key: string): boolean {
  return enforcedConditionValues(statement, key).some((values) => values.every((value) => !/^\*+$/.test(value)));
}

/**
 * The values each enforcing use of `key` requires, one list per operator that enforces it (the
 * lists are ANDed, the values within one list ORed). Empty when nothing enforces the key.
 */
export function enforcedConditionValues(statement: PolicyStatement, key: string): string[][] {
  const wanted = key.toLowerCase();
  const lists: string[][] = [];
  for (const [operator, keys] of Object.entries(statement.condition)) {
    if (!isEnforcingOperator(operator)) continue;
    for (const [name, values] of Object.entries(keys)) {
      if (name.toLowerCase() === wanted && values.length > 0) lists.push(values);
    }
  }
  return lists;
}

const hasWildcard = (value: string) => /[*?]/.test(value);

/**
 * Which account a condition value pins: a 12-digit id, "any" when a wildcard or a policy variable
 * stands where the account goes (`arn:aws:iam::*:role/x`, `1234*`), or "none" when the value
 * carries no account at all (S3 bucket ARNs: `arn:aws:s3:::bucket`).
 */
export function accountOfConditionValue(key: string, value: string): string | 'any' | 'none' {
  const lower = key.toLowerCase();
  const v = value.trim();
  if (lower === 'aws:principalaccount' || lower === 'aws:sourceaccount' || lower === 'aws:resourceaccount') {
    if (/^\d{12}$/.test(v)) return v;
    return 'any';
  }
  // ARN keys: arn:partition:service:region:account:resource.
  const parts = v.split(':');
  if (parts.length < 6 || hasWildcard(parts[0] ?? '') || (parts[0] ?? '').toLowerCase() !== 'arn') return 'any';
  const account = parts[4] ?? '';
  if (account === '') return 'none';
  if (/^\d{12}$/.test(account)) return account;
  return 'any';
}

/** The organization a PrincipalOrgID / PrincipalOrgPaths value pins, or "any" for a wildcard. */
export function organizationOfConditionValue(key: string, value: string): string | 'any' {
  const first = value.trim().split('/')[0] ?? '';
  if (key.toLowerCase() === 'aws:principalorgpaths' && !/^o-[a-z0-9]{10,32}$/.test(first)) return 'any';
  return /^o-[a-z0-9]{10,32}$/.test(first) ? first : 'any';
}

/** Who can be the caller of a trust statement, as far as its principal and conditions say. */
export type CallerScope =
  /** Only the operator's own accounts or organizations. */
  | { kind: 'own'; by: string }
  /** Named accounts or organizations, some of them outside the operator's. */
  | { kind: 'outside'; by: string; outside: string[] }
  /** Nothing pins the caller: anyone, in any account. */
  | { kind: 'open'; by: string | null };

const callerAccountKeys = ['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:SourceAccount', 'aws:SourceArn'];
const callerOrganizationKeys = ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'];

/**
 * What the conditions of a statement trusting "*" leave of "anyone": the values decide, not the
 * presence of a key. Conditions are ANDed, so one key whose every value is the operator's own is
 * enough to keep outsiders out; a key with an outside account admits that account; a wildcard in
 * the account position (or an organization nobody knows) pins nothing.
 */
export function callerScopeOfConditions(statement: PolicyStatement, own: { accounts: Set<string>; organizations: Set<string> }): CallerScope {
  const outside = new Set<string>();
  let firstRestricting: string | null = null;
  for (const key of callerAccountKeys) {
    for (const values of enforcedConditionValues(statement, key)) {
      const accounts = values.map((value) => accountOfConditionValue(key, value));
      if (accounts.some((account) => account === 'any' || account === 'none')) continue;
      if (accounts.every((account) => own.accounts.has(account))) return { kind: 'own', by: key };
      firstRestricting ??= key;
      for (const account of accounts) if (!own.accounts.has(account)) outside.add(account);
    }
  }
  for (const key of callerOrganizationKeys) {
    for (const values of enforcedConditionValues(statement, key)) {
      const organizations = values.map((value) => organizationOfConditionValue(key, value));
      if (organizations.some((organization) => organization === 'any')) continue;
      if (organizations.every((organization) => own.organizations.has(organization))) return { kind: 'own', by: key };
      firstRestricting ??= key;
      for (const organization of organizations) if (!own.organizations.has(organization)) outside.add(organization);
    }
  }
  if (firstRestricting !== null) return { kind: 'outside', by: firstRestricting, outside: [...outside] };
  return { kind: 'open', by: null };
}

/** What a web-identity (OIDC) or SAML trust lets in, judged on the subject the conditions pin. */
export type FederatedScope =
  | { kind: 'saml'; provider: string }
  | { kind: 'pinned'; provider: string; key: string; values: string[] }
  | { kind: 'unpinned'; provider: string; key: string; reason: string };

/** The host of an OIDC provider principal: `arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com` → the host. */
export function oidcProviderHost(principal: string): string {
  const match = /:oidc-provider\/(.+)$/.exec(principal.trim());
  return (match?.[1] ?? principal.trim()).toLowerCase();
}

/**
 * Whether a subject pattern names an owner (an organization, group, project or namespace) rather
 * than everyone of the provider: a value with no wildcard does; with a wildcard, the literal text
 * before it must end an owner segment, after an optional claim prefix ("repo:", "project_path:").
 * `repo:my-org/*` pins; `repo:*`, `*`, `repo:my-org*` (also matches "my-org-evil") do not.
 */
export function subjectPatternPins(value: string): boolean {
  const wildcard = value.search(/[*?]/);
  if (wildcard === -1) return value.trim().length > 0;
  const prefix = value.slice(0, wildcard).replace(/^[A-Za-z_]+:/, '');
  return /[^:/*?]+[/:]/.test(prefix);
}

/**
 * A federated principal's trust: SAML providers are the organization's own identity provider; an
 * OIDC provider is shared by everyone who uses it (every GitHub repository, every GitLab project),
 * so the trust must pin the subject — `<host>:sub` (Cognito: `cognito-identity.amazonaws.com:aud`,
 * the identity pool) — to the operator's own, as GitHub's, GitLab's and AWS's guides require.
 */
export function federatedScope(grant: TrustGrant): FederatedScope {
  const provider = grant.principal;
  if (/:saml-provider\//.test(provider)) return { kind: 'saml', provider };
  const host = oidcProviderHost(provider);
  const key = host === 'cognito-identity.amazonaws.com' ? `${host}:aud` : `${host}:sub`;
  const lists = enforcedConditionValues(grant.statement, key);
  const pinning = lists.find((values) => values.every(subjectPatternPins));
  if (pinning) return { kind: 'pinned', provider, key, values: pinning };
  if (lists.length === 0) return { kind: 'unpinned', provider, key, reason: `no condition on ${key}` };
  const loose = lists.flat().filter((value) => !subjectPatternPins(value));
  return { kind: 'unpinned', provider, key, reason: `${key} allows ${loose.map((value) => `"${value}"`).join(', ')}, which matches subjects of anyone using the provider` };
}

/** The 12-digit account an AWS principal belongs to, or null when it names none. */
export function accountIdOfPrincipal(principal: string): string | null {
  const trimmed = principal.trim();
  if (/^\d{12}$/.test(trimmed)) return trimmed;
  const match = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(trimmed);
  return match?.[1] ?? null;
}

/** Every principal an Allow statement lets assume the role, with the conditions around it. */
export function analyzeTrustPolicy(document: PolicyDocument): TrustGrant[] {
  const grants: TrustGrant[] = [];
  for (const statement of document.statements) {
    if (statement.effect !== 'Allow') continue;
    const actions = assumeRoleActions.filter((action) => statementCoversAction(statement, action));
    if (actions.length === 0) continue;
    const conditionKeys = [...new Set(Object.values(statement.condition).flatMap((keys) => Object.keys(keys)))];
    const base = {
      statementIndex: statement.index,
      sid: statement.sid,
      actions: [...actions],
      conditionKeys,
      hasConditions: conditionKeys.length > 0,
      hasExternalId: enforcesConditionKey(statement, 'sts:ExternalId'),
      hasSourceAccount: enforcesConditionKey(statement, 'aws:SourceAccount'),
      hasSourceArn: enforcesConditionKey(statement, 'aws:SourceArn'),
      hasPrincipalOrgId: enforcesConditionKey(statement, 'aws:PrincipalOrgID'),
      restrictsPrincipal: principalPinningKeys.some((key) => enforcesConditionKey(statement, key)),
      statement,
    };
    if (statement.notPrincipal !== null) {
      grants.push({ ...base, kind: 'any', principal: '*', accountId: null, viaNotPrincipal: true });
      continue;
    }
    const principal = statement.principal;
    if (principal === null) continue;
    const add = (kind: TrustPrincipalKind, value: string, accountId: string | null) =>
      grants.push({ ...base, kind, principal: value, accountId, viaNotPrincipal: false });
    if (principal.wildcard) add('any', '*', null);
    for (const value of principal.aws) {
      const accountId = accountIdOfPrincipal(value);
      add(accountId === null ? 'unresolved' : 'account', value, accountId);
    }
    for (const value of principal.service) add('service', value, null);
    for (const value of principal.federated) add('federated', value, null);
    for (const value of principal.canonicalUser) add('canonical-user', value, null);
  }
  return grants;
}
