import type { EnabledRegions } from '@/lib/aws/regions';

// Which regions a sync reads in one account: every region enabled in it, narrowed by the
// configuration (WARDEN_REGIONS). Pure: lib/aws/regions discovers, this decides.

export type AccountRegions = {
  /** The regions read in this sync. */
  read: string[];
  /** The regions enabled in the account; null when they could not be listed. */
  enabled: string[] | null;
  /** The discovery's outcome, stored with the account for the checklist and the Accounts screen. */
  discovery: { via: string } | { denied: string[]; error: string | null };
};

export function accountRegions(filter: string[] | null, enabled: EnabledRegions, home: string): AccountRegions {
  if (!enabled.ok) {
    // Not knowing what is enabled, read what is configured, else the home region: the checklist
    // then says that enabled regions may have gone unread.
    return { read: filter ?? [home], enabled: null, discovery: { denied: enabled.denied, error: enabled.error } };
  }
  const read = filter === null ? enabled.regions : filter.filter((region) => enabled.regions.includes(region));
  return { read: read.length > 0 ? read : [home], enabled: enabled.regions, discovery: { via: enabled.via } };
}
