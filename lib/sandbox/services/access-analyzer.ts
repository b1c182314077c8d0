import 'server-only';

import type { RequestContext } from '../context';
import { AwsError, accessAnalyzerValidation } from '../errors';
import { JsonInput } from '../json-input';
import {
  ANALYZER_TYPES,
  type Analyzer,
  type AnalyzerType,
  type ArchiveRule,
  type Finding,
  type FindingCriterion,
  type FindingStatus,
  type JsonObject,
  type JsonValue,
  type SandboxState,
} from '../model';
import { fingerprint } from '../tokens';

// IAM Access Analyzer over REST-JSON. Dates are ISO strings (the model's timestampFormat
// date-time); errors carry x-amzn-errortype. Shapes follow @aws-sdk/client-accessanalyzer.

export interface RestRequest {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  body: JsonObject;
}

export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  operation: string;
  handler: (ctx: RequestContext, request: RestRequest) => JsonObject | null;
}

const iso = (date: Date): string => date.toISOString();

function input(body: JsonObject): JsonInput {
  return new JsonInput(body, (field, message) => accessAnalyzerValidation(field, message));
}

function notFound(resourceId: string, resourceType: string, message: string): AwsError {
  return new AwsError(404, 'ResourceNotFoundException', message, { fields: { resourceId, resourceType } });
}

/**
 * The caller's own analyzer in this region. Another account's analyzer (an organization analyzer
 * seen from a member) is out of reach: Access Analyzer has no resource policy to grant it.
 */
function analyzerByArn(ctx: RequestContext, arn: string, action: string): Analyzer {
  const owner = arn.split(':')[4];
  if (owner !== undefined && /^\d{12}$/.test(owner) && owner !== ctx.account.id) {
    throw new AwsError(403, 'AccessDeniedException', `User: ${ctx.caller.arn} is not authorized to perform: access-analyzer:${action} on resource: ${arn}`);
  }
  const analyzer = ctx.account.analyzers.find((a) => a.arn === arn && a.region === ctx.region);
  if (!analyzer) throw notFound(arn, 'AWS::AccessAnalyzer::Analyzer', 'Analyzer not found');
  return analyzer;
}

function analyzerByName(ctx: RequestContext, name: string): Analyzer {
  const analyzer = ctx.account.analyzers.find((a) => a.name === name && a.region === ctx.region);
  if (!analyzer) throw notFound(name, 'AWS::AccessAnalyzer::Analyzer', 'Analyzer not found');
  return analyzer;
}

function analyzerJson(analyzer: Analyzer): JsonObject {
  const json: JsonObject = {
    arn: analyzer.arn,
    name: analyzer.name,
    type: analyzer.type,
    createdAt: iso(analyzer.createdAt),
    status: analyzer.status,
    tags: { ...analyzer.tags },
  };
  if (analyzer.lastResourceAnalyzed) json.lastResourceAnalyzed = analyzer.lastResourceAnalyzed;
  if (analyzer.lastResourceAnalyzedAt) json.lastResourceAnalyzedAt = iso(analyzer.lastResourceAnalyzedAt);
  if (analyzer.unusedAccessAge !== null) json.configuration = { unusedAccess: { unusedAccessAge: analyzer.unusedAccessAge } };
  return json;
}

function criterionJson(criterion: FindingCriterion): JsonObject {
  const json: JsonObject = {};
  if (criterion.eq) json.eq = [...criterion.eq];
  if (criterion.neq) json.neq = [...criterion.neq];
  if (criterion.contains) json.contains = [...criterion.contains];
  if (criterion.exists !== undefined) json.exists = criterion.exists;
  return json;
}

/** Values of a finding for a filter key; null when the finding has no such field. */
function fieldValues(finding: Finding, key: string): string[] | null {
  const d = finding.details;
  switch (key) {
    case 'id':
      return [finding.id];
    case 'status':
      return [finding.status];
    case 'findingType':
      return [finding.findingType];
    case 'resourceType':
      return [finding.resourceType];
    case 'resource':
      return [finding.resource];
    case 'resourceOwnerAccount':
      return [finding.resourceOwnerAccount];
    case 'error':
      return finding.error === null ? null : [finding.error];
    case 'isPublic':
      return d.type === 'ExternalAccess' ? [String(d.isPublic)] : null;
    case 'action':
      return d.type === 'ExternalAccess' || d.type === 'InternalAccess' ? d.action : null;
    case 'accessType':
      return d.type === 'InternalAccess' ? [d.accessType] : null;
    case 'principalType':
      return d.type === 'InternalAccess' ? [d.principalType] : null;
    case 'principalOwnerAccount':
      return d.type === 'InternalAccess' ? [d.principalOwnerAccount] : null;
    default:
      break;
  }
  if (key.startsWith('principal.') && (d.type === 'ExternalAccess' || d.type === 'InternalAccess')) {
    const name = key.slice('principal.'.length);
    const value = Object.hasOwn(d.principal, name) ? d.principal[name] : undefined;
    return value === undefined ? null : [value];
  }
  if (key.startsWith('condition.') && (d.type === 'ExternalAccess' || d.type === 'InternalAccess')) {
    const wanted = key.slice('condition.'.length).toLowerCase();
    const entry = Object.entries(d.condition).find(([k]) => k.toLowerCase() === wanted);
    return entry ? [entry[1]] : null;
  }
  return null;
}

const FILTER_KEYS = new Set(['id', 'status', 'findingType', 'resourceType', 'resource', 'resourceOwnerAccount', 'error', 'isPublic', 'action', 'accessType', 'principalType', 'principalOwnerAccount']);

function parseFilter(raw: JsonObject | undefined, field = 'filter'): Map<string, FindingCriterion> {
  const filter = new Map<string, FindingCriterion>();
  if (!raw) return filter;
  const entries = Object.entries(raw);
  if (entries.length > 50) throw accessAnalyzerValidation(field, 'Too many filter criteria');
  for (const [key, value] of entries) {
    if (!FILTER_KEYS.has(key) && !/^(principal|condition)\.[A-Za-z0-9:._-]{1,128}$/.test(key)) {
      throw accessAnalyzerValidation(field, `Invalid filter key: ${key}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw accessAnalyzerValidation(field, `Invalid criterion for ${key}`);
    const criterion: FindingCriterion = {};
    const body = input(value);
    const eq = body.stringList('eq', 20);
    const neq = body.stringList('neq', 20);
    const contains = body.stringList('contains', 20);
    const exists = body.raw('exists');
    if (eq) criterion.eq = eq;
    if (neq) criterion.neq = neq;
    if (contains) criterion.contains = contains;
    if (exists !== undefined && exists !== null) {
      if (typeof exists !== 'boolean') throw accessAnalyzerValidation(field, `exists for ${key} must be a boolean`);
      criterion.exists = exists;
    }
    filter.set(key, criterion);
  }
  return filter;
}

export function findingMatches(finding: Finding, filter: Map<string, FindingCriterion>): boolean {
  for (const [key, criterion] of filter) {
    const values = fieldValues(finding, key);
    if (criterion.exists !== undefined && (values !== null && values.length > 0) !== criterion.exists) return false;
    if (criterion.eq && !(values ?? []).some((v) => criterion.eq?.includes(v))) return false;
    if (criterion.neq && (values ?? []).some((v) => criterion.neq?.includes(v))) return false;
    if (criterion.contains && !(values ?? []).some((v) => criterion.contains?.some((part) => v.includes(part)))) return false;
  }
  return true;
}

/**
 * Archives the ACTIVE findings of `analyzer` that one of `rules` matches: what AWS does to new
 * findings, and ApplyArchiveRule to existing ones. `at` is the update time (null: archived as they
 * were created). Returns how many changed.
 */
export function applyArchiveRules(analyzer: Analyzer, findings: readonly Finding[], at: Date | null, rules: readonly ArchiveRule[] = analyzer.archiveRules): number {
  const filters = rules.map((rule) => new Map(Object.entries(rule.filter)));
  let changed = 0;
  for (const finding of findings) {
    if (finding.status !== 'ACTIVE' || finding.analyzerArn !== analyzer.arn) continue;
    if (!filters.some((filter) => findingMatches(finding, filter))) continue;
    finding.status = 'ARCHIVED';
    if (at) finding.updatedAt = at;
    changed += 1;
  }
  return changed;
}

const SORT_KEYS: Record<string, (f: Finding) => string | number> = {
  createdAt: (f) => f.createdAt.getTime(),
  updatedAt: (f) => f.updatedAt.getTime(),
  analyzedAt: (f) => f.analyzedAt.getTime(),
  resourceType: (f) => f.resourceType,
  findingType: (f) => f.findingType,
  status: (f) => f.status,
  resource: (f) => f.resource,
  resourceOwnerAccount: (f) => f.resourceOwnerAccount,
  id: (f) => f.id,
};

function parseSort(raw: JsonObject | undefined): { key: string; descending: boolean } {
  if (!raw) return { key: 'createdAt', descending: true };
  const body = input(raw);
  const attributeName = body.string('attributeName', { max: 256 }) ?? 'createdAt';
  const orderBy = body.string('orderBy', { max: 8 }) ?? 'ASC';
  if (!Object.hasOwn(SORT_KEYS, attributeName)) throw accessAnalyzerValidation('sort.attributeName', `Invalid sort attribute: ${attributeName}`);
  if (orderBy !== 'ASC' && orderBy !== 'DESC') {
    throw accessAnalyzerValidation('sort.orderBy', `1 validation error detected: Value '${orderBy}' at 'sort.orderBy' failed to satisfy constraint: Member must satisfy enum value set: [ASC, DESC]`);
  }
  return { key: attributeName, descending: orderBy === 'DESC' };
}

// Per-sandbox caches: findings by analyzer (built on first use; invalidateFindingIndex after the
// control operations add or remove findings) and the last sorted query results (keyed by the
// findings version).
const byAnalyzerCache = new WeakMap<SandboxState, Map<string, Finding[]>>();
const queryCache = new WeakMap<SandboxState, Map<string, Finding[]>>();

/** Forgets which findings each analyzer holds and every cached query: call after adding or removing findings. */
export function invalidateFindingIndex(state: SandboxState): void {
  byAnalyzerCache.delete(state);
  state.findingsVersion += 1;
}

function findingsOf(ctx: RequestContext, analyzer: Analyzer): Finding[] {
  let cache = byAnalyzerCache.get(ctx.state);
  if (!cache) {
    cache = new Map();
    byAnalyzerCache.set(ctx.state, cache);
  }
  let list = cache.get(analyzer.arn);
  if (!list) {
    list = ctx.account.findings.filter((f) => f.analyzerArn === analyzer.arn);
    cache.set(analyzer.arn, list);
  }
  return list;
}

function queryFindings(ctx: RequestContext, analyzer: Analyzer, filter: Map<string, FindingCriterion>, sort: { key: string; descending: boolean }): Finding[] {
  const key = `${ctx.state.findingsVersion}|${analyzer.arn}|${fingerprint([[...filter], sort])}`;
  let cache = queryCache.get(ctx.state);
  if (!cache) {
    cache = new Map();
    queryCache.set(ctx.state, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const pick = Object.hasOwn(SORT_KEYS, sort.key) ? SORT_KEYS[sort.key] : SORT_KEYS.createdAt;
  const direction = sort.descending ? -1 : 1;
  const result = findingsOf(ctx, analyzer)
    .filter((f) => findingMatches(f, filter))
    .sort((a, b) => {
      const va = pick ? pick(a) : 0;
      const vb = pick ? pick(b) : 0;
      if (va < vb) return -direction;
      if (va > vb) return direction;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  if (cache.size >= 32) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, result);
  return result;
}

function page<T>(ctx: RequestContext, scope: string, all: T[], maxResults: number, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = ctx.tokens.decode(scope, nextToken)?.o;
    if (typeof decoded !== 'number' || !Number.isInteger(decoded) || decoded < 0) throw accessAnalyzerValidation('nextToken', 'Invalid nextToken');
    offset = decoded;
  }
  const items = all.slice(offset, offset + maxResults);
  const next = offset + items.length;
  return next < all.length ? { items, nextToken: ctx.tokens.encode(scope, { o: next }) } : { items };
}

function summaryJson(finding: Finding): JsonObject {
  const json: JsonObject = {
    analyzedAt: iso(finding.analyzedAt),
    createdAt: iso(finding.createdAt),
    id: finding.id,
    resourceType: finding.resourceType,
    resourceOwnerAccount: finding.resourceOwnerAccount,
    status: finding.status,
    updatedAt: iso(finding.updatedAt),
    resource: finding.resource,
    findingType: finding.findingType,
  };
  if (finding.error !== null) json.error = finding.error;
  return json;
}

const sourcesJson = (sources: { type: string; accessPointArn?: string }[]): JsonValue[] =>
  sources.map((source): JsonObject => (source.accessPointArn ? { type: source.type, detail: { accessPointArn: source.accessPointArn } } : { type: source.type }));

function detailsJson(finding: Finding): JsonObject[] {
  const d = finding.details;
  const at = (date: Date | null): JsonObject => (date ? { lastAccessed: iso(date) } : {});
  switch (d.type) {
    case 'ExternalAccess':
      return [{ externalAccessDetails: { action: [...d.action], condition: { ...d.condition }, isPublic: d.isPublic, principal: { ...d.principal }, sources: sourcesJson(d.sources), resourceControlPolicyRestriction: 'NOT_APPLICABLE' } }];
    case 'InternalAccess':
      return [{ internalAccessDetails: { action: [...d.action], condition: { ...d.condition }, principal: { ...d.principal }, principalOwnerAccount: d.principalOwnerAccount, accessType: d.accessType, principalType: d.principalType, sources: sourcesJson(d.sources), resourceControlPolicyRestriction: 'NOT_APPLICABLE', serviceControlPolicyRestriction: d.serviceControlPolicyRestriction } }];
    case 'UnusedIAMRole':
      return [{ unusedIamRoleDetails: at(d.lastAccessed) }];
    case 'UnusedIAMUserAccessKey':
      return [{ unusedIamUserAccessKeyDetails: { accessKeyId: d.accessKeyId, ...at(d.lastAccessed) } }];
    case 'UnusedIAMUserPassword':
      return [{ unusedIamUserPasswordDetails: at(d.lastAccessed) }];
    case 'UnusedPermission':
      return d.services.map((service) => ({
        unusedPermissionDetails: {
          serviceNamespace: service.serviceNamespace,
          actions: service.actions.map((action) => ({ action: action.action, ...at(action.lastAccessed) })),
          ...at(service.lastAccessed),
        },
      }));
  }
}

function listAnalyzers(ctx: RequestContext, request: RestRequest): JsonObject {
  const type = request.query.get('type') ?? undefined;
  if (type !== undefined && !(ANALYZER_TYPES as readonly string[]).includes(type)) {
    throw accessAnalyzerValidation('type', `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${ANALYZER_TYPES.join(', ')}]`);
  }
  const maxResults = queryInt(request.query, 'maxResults', 1, 1000) ?? 100;
  const analyzers = ctx.account.analyzers.filter((a) => a.region === ctx.region && (type === undefined || a.type === type));
  const result = page(ctx, `aa:ListAnalyzers:${ctx.account.id}:${ctx.region}:${type ?? ''}`, analyzers, maxResults, request.query.get('nextToken') ?? undefined);
  return { analyzers: result.items.map(analyzerJson), ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
}

function queryInt(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw accessAnalyzerValidation(name, `Value '${raw}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`);
  }
  return value;
}

function findingsQuery(ctx: RequestContext, request: RestRequest, operation: string, pageLimit = 1000) {
  const body = input(request.body);
  const analyzer = analyzerByArn(ctx, body.requiredString('analyzerArn', 1024), 'ListFindings');
  const filter = parseFilter(body.object('filter'));
  const sort = parseSort(body.object('sort'));
  const maxResults = Math.min(body.int('maxResults', 1, 1000) ?? 100, pageLimit);
  const scope = `aa:${operation}:${ctx.account.id}:${fingerprint([analyzer.arn, [...filter], sort])}`;
  return { analyzer, result: page(ctx, scope, queryFindings(ctx, analyzer, filter, sort), maxResults, body.string('nextToken', { max: 4096 })) };
}

function listFindingsV2(ctx: RequestContext, request: RestRequest): JsonObject {
  const { result } = findingsQuery(ctx, request, 'ListFindingsV2');
  return { findings: result.items.map(summaryJson), ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
}

/** ListFindings (v1): external-access findings with principal, action, condition and public status, in pages of at most 100. */
function listFindings(ctx: RequestContext, request: RestRequest): JsonObject {
  const { analyzer, result } = findingsQuery(ctx, request, 'ListFindings', 100);
  if (analyzer.type !== 'ACCOUNT' && analyzer.type !== 'ORGANIZATION') {
    throw accessAnalyzerValidation('analyzerArn', 'ListFindings supports external access analyzers only; use ListFindingsV2 for this analyzer.');
  }
  const findings = result.items.map((finding) => {
    const d = finding.details;
    const json: JsonObject = {
      id: finding.id,
      resourceType: finding.resourceType,
      condition: d.type === 'ExternalAccess' ? { ...d.condition } : {},
      createdAt: iso(finding.createdAt),
      analyzedAt: iso(finding.analyzedAt),
      updatedAt: iso(finding.updatedAt),
      status: finding.status,
      resourceOwnerAccount: finding.resourceOwnerAccount,
      resource: finding.resource,
    };
    if (d.type === 'ExternalAccess') {
      json.principal = { ...d.principal };
      json.action = [...d.action];
      json.isPublic = d.isPublic;
      json.sources = sourcesJson(d.sources);
      json.resourceControlPolicyRestriction = 'NOT_APPLICABLE';
    }
    if (finding.error !== null) json.error = finding.error;
    return json;
  });
  return { findings, ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
}

function getFindingV2(ctx: RequestContext, request: RestRequest): JsonObject {
  const id = request.pathParams.id ?? '';
  const analyzerArn = request.query.get('analyzerArn');
  if (!analyzerArn) throw accessAnalyzerValidation('analyzerArn', "Value null at 'analyzerArn' failed to satisfy constraint: Member must not be null");
  const analyzer = analyzerByArn(ctx, analyzerArn, 'GetFinding');
  const finding = findingsOf(ctx, analyzer).find((f) => f.id === id);
  if (!finding) throw notFound(id, 'AWS::AccessAnalyzer::Finding', 'Finding not found');
  const maxResults = queryInt(request.query, 'maxResults', 1, 1000) ?? 100;
  const details = page(ctx, `aa:GetFindingV2:${finding.id}`, detailsJson(finding), maxResults, request.query.get('nextToken') ?? undefined);
  const json: JsonObject = { ...summaryJson(finding), findingDetails: details.items };
  if (details.nextToken) json.nextToken = details.nextToken;
  return json;
}

function updateFindings(ctx: RequestContext, request: RestRequest): null {
  const body = input(request.body);
  const analyzer = analyzerByArn(ctx, body.requiredString('analyzerArn', 1024), 'UpdateFindings');
  const status = body.requiredString('status', 32);
  if (status !== 'ACTIVE' && status !== 'ARCHIVED') {
    throw accessAnalyzerValidation('status', `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, ARCHIVED]`);
  }
  const ids = body.stringList('ids', 1000);
  const resourceArn = body.string('resourceArn', { max: 2048 });
  if ((ids === undefined || ids.length === 0) === (resourceArn === undefined)) {
    throw accessAnalyzerValidation('ids', 'Specify either ids or resourceArn, but not both.');
  }
  const wanted = new Set(ids ?? []);
  const next: FindingStatus = status;
  let changed = 0;
  for (const finding of findingsOf(ctx, analyzer)) {
    const selected = resourceArn !== undefined ? finding.resource === resourceArn : wanted.has(finding.id);
    if (!selected || finding.status === 'RESOLVED' || finding.status === next) continue;
    finding.status = next;
    finding.updatedAt = ctx.now;
    changed += 1;
  }
  if (changed > 0) ctx.state.findingsVersion += 1;
  return null;
}

/**
 * Sets a finding's status as UpdateFindings would (a RESOLVED one stays RESOLVED), outside a
 * request: for demo mode, which keeps every instance's sandbox in step with the changes Warden
 * recorded. False when there is no such finding or nothing changed.
 */
export function setFindingStatus(state: SandboxState, analyzerArn: string, id: string, status: 'ACTIVE' | 'ARCHIVED', at: Date): boolean {
  const owner = analyzerArn.split(':')[4];
  const finding = state.accounts.find((a) => a.id === owner)?.findings.find((f) => f.id === id && f.analyzerArn === analyzerArn);
  if (!finding || finding.status === 'RESOLVED' || finding.status === status) return false;
  finding.status = status;
  finding.updatedAt = at;
  state.findingsVersion += 1;
  return true;
}

function archiveRuleJson(rule: ArchiveRule): JsonObject {
  return {
    ruleName: rule.ruleName,
    filter: Object.fromEntries(Object.entries(rule.filter).map(([key, criterion]) => [key, criterionJson(criterion)])),
    createdAt: iso(rule.createdAt),
    updatedAt: iso(rule.updatedAt),
  };
}

function listArchiveRules(ctx: RequestContext, request: RestRequest): JsonObject {
  const analyzer = analyzerByName(ctx, request.pathParams.analyzerName ?? '');
  const maxResults = queryInt(request.query, 'maxResults', 1, 1000) ?? 100;
  const result = page(ctx, `aa:ListArchiveRules:${analyzer.arn}`, analyzer.archiveRules, maxResults, request.query.get('nextToken') ?? undefined);
  return {
    archiveRules: result.items.map(archiveRuleJson),
    ...(result.nextToken ? { nextToken: result.nextToken } : {}),
  };
}

function getAnalyzer(ctx: RequestContext, request: RestRequest): JsonObject {
  return { analyzer: analyzerJson(analyzerByName(ctx, request.pathParams.analyzerName ?? '')) };
}

const ANALYZER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;

function createAnalyzer(ctx: RequestContext, request: RestRequest): JsonObject {
  const body = input(request.body);
  const name = body.requiredString('analyzerName', 255);
  if (!ANALYZER_NAME.test(name)) {
    throw accessAnalyzerValidation('analyzerName', `1 validation error detected: Value '${name}' at 'analyzerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z][A-Za-z0-9_.-]*`);
  }
  const type = body.requiredString('type', 64);
  if (!(ANALYZER_TYPES as readonly string[]).includes(type)) {
    throw accessAnalyzerValidation('type', `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${ANALYZER_TYPES.join(', ')}]`);
  }
  const analyzerType = type as AnalyzerType;
  const delegated = ctx.state.organization.delegatedAdministrators.some((d) => d.accountId === ctx.account.id && d.servicePrincipal === 'access-analyzer.amazonaws.com');
  if (analyzerType.startsWith('ORGANIZATION') && ctx.account.role !== 'management' && !delegated) {
    throw accessAnalyzerValidation('type', 'You must be the management account or a delegated administrator of the organization to create an organization analyzer.');
  }
  if (ctx.account.analyzers.some((a) => a.name === name && a.region === ctx.region)) {
    throw new AwsError(409, 'ConflictException', `An analyzer with the name ${name} already exists.`, { fields: { resourceId: name, resourceType: 'AWS::AccessAnalyzer::Analyzer' } });
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(body.object('tags') ?? {})) {
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(key) || key === '__proto__') throw accessAnalyzerValidation('tags', `Invalid tag key: ${key}`);
    if (typeof value !== 'string' || value.length > 256) throw accessAnalyzerValidation('tags', 'Tag values must be strings of at most 256 characters');
    tags[key] = value;
  }
  const rules = body.raw('archiveRules');
  const archiveRules = Array.isArray(rules)
    ? rules.map((rule, index) => {
        if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) throw accessAnalyzerValidation('archiveRules', `archiveRules[${index}] must be an object`);
        const ruleInput = input(rule);
        return {
          ruleName: ruleName(ruleInput),
          filter: Object.fromEntries(parseFilter(ruleInput.object('filter'), 'archiveRules.filter')),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        };
      })
    : [];
  const unusedAge = input(input(body.object('configuration') ?? {}).object('unusedAccess') ?? {}).int('unusedAccessAge', 1, 365);
  const analyzer: Analyzer = {
    arn: `arn:aws:access-analyzer:${ctx.region}:${ctx.account.id}:analyzer/${name}`,
    name,
    type: analyzerType,
    region: ctx.region,
    createdAt: ctx.now,
    status: 'ACTIVE',
    lastResourceAnalyzed: null,
    lastResourceAnalyzedAt: null,
    tags,
    unusedAccessAge: analyzerType.endsWith('UNUSED_ACCESS') ? (unusedAge ?? 90) : null,
    archiveRules,
  };
  ctx.account.analyzers.push(analyzer);
  return { arn: analyzer.arn };
}

const RULE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;

function ruleName(body: JsonInput): string {
  const name = body.requiredString('ruleName', 255);
  if (!RULE_NAME.test(name)) {
    throw accessAnalyzerValidation('ruleName', `1 validation error detected: Value '${name}' at 'ruleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z][A-Za-z0-9_.-]*`);
  }
  return name;
}

function ruleNotFound(name: string): AwsError {
  return notFound(name, 'AWS::AccessAnalyzer::ArchiveRule', 'Archive rule not found');
}

/** CreateArchiveRule: archives findings that arrive from now on; ApplyArchiveRule archives existing ones. */
function createArchiveRule(ctx: RequestContext, request: RestRequest): null {
  const analyzer = analyzerByName(ctx, request.pathParams.analyzerName ?? '');
  const body = input(request.body);
  const name = ruleName(body);
  const filter = parseFilter(body.object('filter'));
  if (filter.size === 0) throw accessAnalyzerValidation('filter', "Value null at 'filter' failed to satisfy constraint: Member must not be null");
  if (analyzer.archiveRules.some((rule) => rule.ruleName === name)) {
    throw new AwsError(409, 'ConflictException', `An archive rule with the name ${name} already exists.`, { fields: { resourceId: name, resourceType: 'AWS::AccessAnalyzer::ArchiveRule' } });
  }
  analyzer.archiveRules.push({ ruleName: name, filter: Object.fromEntries(filter), createdAt: ctx.now, updatedAt: ctx.now });
  return null;
}

function getArchiveRule(ctx: RequestContext, request: RestRequest): JsonObject {
  const analyzer = analyzerByName(ctx, request.pathParams.analyzerName ?? '');
  const name = request.pathParams.ruleName ?? '';
  const rule = analyzer.archiveRules.find((r) => r.ruleName === name);
  if (!rule) throw ruleNotFound(name);
  return { archiveRule: archiveRuleJson(rule) };
}

function applyArchiveRule(ctx: RequestContext, request: RestRequest): null {
  const body = input(request.body);
  const analyzer = analyzerByArn(ctx, body.requiredString('analyzerArn', 1024), 'ApplyArchiveRule');
  const name = ruleName(body);
  const rule = analyzer.archiveRules.find((r) => r.ruleName === name);
  if (!rule) throw ruleNotFound(name);
  if (applyArchiveRules(analyzer, findingsOf(ctx, analyzer), ctx.now, [rule]) > 0) ctx.state.findingsVersion += 1;
  return null;
}

export const accessAnalyzerRoutes: RestRoute[] = [
  { method: 'GET', pattern: /^\/analyzer$/, operation: 'ListAnalyzers', handler: listAnalyzers },
  { method: 'PUT', pattern: /^\/analyzer$/, operation: 'CreateAnalyzer', handler: createAnalyzer },
  { method: 'GET', pattern: /^\/analyzer\/(?<analyzerName>[^/]+)\/archive-rule$/, operation: 'ListArchiveRules', handler: listArchiveRules },
  { method: 'PUT', pattern: /^\/analyzer\/(?<analyzerName>[^/]+)\/archive-rule$/, operation: 'CreateArchiveRule', handler: createArchiveRule },
  { method: 'GET', pattern: /^\/analyzer\/(?<analyzerName>[^/]+)\/archive-rule\/(?<ruleName>[^/]+)$/, operation: 'GetArchiveRule', handler: getArchiveRule },
  { method: 'PUT', pattern: /^\/archive-rule$/, operation: 'ApplyArchiveRule', handler: applyArchiveRule },
  { method: 'GET', pattern: /^\/analyzer\/(?<analyzerName>[^/]+)$/, operation: 'GetAnalyzer', handler: getAnalyzer },
  { method: 'POST', pattern: /^\/findingv2$/, operation: 'ListFindingsV2', handler: listFindingsV2 },
  { method: 'GET', pattern: /^\/findingv2\/(?<id>[^/]+)$/, operation: 'GetFindingV2', handler: getFindingV2 },
  { method: 'POST', pattern: /^\/finding$/, operation: 'ListFindings', handler: listFindings },
  { method: 'PUT', pattern: /^\/finding$/, operation: 'UpdateFindings', handler: updateFindings },
];
