// What a trail's event selectors (GetEventSelectors) make it record of management events. Pure, on
// plain data: the AWS reader hands over the selectors as AWS returns them.
//
// Basic selectors: each with IncludeManagementEvents (default true) and ReadWriteType (default All),
// ExcludeManagementEventSources removing some services. Advanced selectors: each selector is an AND
// of field conditions, the selectors are ORed; one with eventCategory = Management records management
// events, narrowed by readOnly and eventSource conditions.

export interface BasicSelectorData {
  ReadWriteType?: string;
  IncludeManagementEvents?: boolean;
  ExcludeManagementEventSources?: string[];
}

export interface AdvancedFieldData {
  Field?: string;
  Equals?: string[];
  NotEquals?: string[];
  StartsWith?: string[];
  NotStartsWith?: string[];
  EndsWith?: string[];
  NotEndsWith?: string[];
}

export interface EventSelectorsData {
  EventSelectors?: BasicSelectorData[];
  AdvancedEventSelectors?: { Name?: string; FieldSelectors?: AdvancedFieldData[] }[];
}

// A type, not an interface: it is stored as JSON, which needs the implicit index signature.
export type ManagementEventCoverage = {
  /** Read management events (Describe*, Get*, List*) are recorded from every service except `excludedSources`. */
  read: boolean;
  /** Write management events (Create*, Put*, Attach*, …). */
  write: boolean;
  /** Services whose management events are left out (eventSource values), or whose only are kept. */
  excludedSources: string[];
  /** Recording is limited to these services (an eventSource Equals condition); null when not limited. */
  onlySources: string[] | null;
};

/** The event sources IAM's own events come from: a trail that leaves one out records nothing of IAM. */
export const identityEventSources = ['iam.amazonaws.com', 'sts.amazonaws.com', 'signin.amazonaws.com'];

function basicCoverage(selectors: BasicSelectorData[]): ManagementEventCoverage {
  let read = false;
  let write = false;
  const excluded = new Set<string>();
  let first = true;
  for (const selector of selectors) {
    if (selector.IncludeManagementEvents === false) continue;
    const type = selector.ReadWriteType ?? 'All';
    if (type === 'All' || type === 'ReadOnly') read = true;
    if (type === 'All' || type === 'WriteOnly') write = true;
    // A source counts as left out only when every management selector leaves it out.
    const these = new Set(selector.ExcludeManagementEventSources ?? []);
    if (first) for (const source of these) excluded.add(source);
    else for (const source of [...excluded]) if (!these.has(source)) excluded.delete(source);
    first = false;
  }
  return { read, write, excludedSources: [...excluded].sort(), onlySources: null };
}

function advancedCoverage(selectors: NonNullable<EventSelectorsData['AdvancedEventSelectors']>): ManagementEventCoverage {
  let read = false;
  let write = false;
  const excluded: string[][] = [];
  const only: string[][] = [];
  for (const selector of selectors) {
    const fields = selector.FieldSelectors ?? [];
    const category = fields.find((f) => f.Field === 'eventCategory');
    if (!category || !(category.Equals ?? []).includes('Management')) continue;
    const readOnly = fields.find((f) => f.Field === 'readOnly');
    const recordsRead = !readOnly || (readOnly.Equals ?? []).includes('true') || (readOnly.NotEquals ?? []).includes('false');
    const recordsWrite = !readOnly || (readOnly.Equals ?? []).includes('false') || (readOnly.NotEquals ?? []).includes('true');
    read ||= recordsRead;
    write ||= recordsWrite;
    const source = fields.find((f) => f.Field === 'eventSource');
    excluded.push([...(source?.NotEquals ?? []), ...(source?.NotStartsWith ?? []).map((p) => `${p}*`)]);
    if (source?.Equals || source?.StartsWith) only.push([...(source.Equals ?? []), ...(source.StartsWith ?? []).map((p) => `${p}*`)]);
    else only.push([]);
  }
  // Across ORed selectors a source is left out only if every one leaves it out; limited only if every one limits.
  const excludedSources = excluded.length === 0 ? [] : (excluded[0] ?? []).filter((s) => excluded.every((list) => list.includes(s)));
  const onlySources = only.length > 0 && only.every((list) => list.length > 0) ? [...new Set(only.flat())].sort() : null;
  return { read, write, excludedSources: excludedSources.sort(), onlySources };
}

export function managementEventCoverage(data: EventSelectorsData): ManagementEventCoverage {
  if (data.AdvancedEventSelectors && data.AdvancedEventSelectors.length > 0) return advancedCoverage(data.AdvancedEventSelectors);
  return basicCoverage(data.EventSelectors ?? []);
}

/** Why the coverage falls short of "every read and write management event of IAM", or null when it does not. */
export function managementCoverageShortfall(coverage: ManagementEventCoverage): string | null {
  if (!coverage.read && !coverage.write) return 'records no management events (data events only)';
  if (!coverage.write) return 'records read-only management events: no IAM change is recorded';
  if (!coverage.read) return 'records write-only management events';
  const missingIdentity = identityEventSources.filter(
    (source) => coverage.excludedSources.includes(source) || (coverage.onlySources !== null && !coverage.onlySources.includes(source)),
  );
  if (missingIdentity.length > 0) return `leaves out the management events of ${missingIdentity.join(', ')}`;
  return null;
}
