import type { RegionCoverage, RegionStatus, TrailView } from '@/lib/activity/schema';

// Which trail records which region: a multi-region trail records every region, any other trail
// its home region. A region is logged when one of its trails is logging.

export function trailCoversRegion(trail: Pick<TrailView, 'isMultiRegion' | 'homeRegion'>, region: string): boolean {
  return trail.isMultiRegion || trail.homeRegion === region;
}

export function regionStatus(trails: Pick<TrailView, 'isLogging'>[]): RegionStatus {
  if (trails.length === 0) return 'no-trail';
  if (trails.some((t) => t.isLogging === true)) return 'logging';
  if (trails.some((t) => t.isLogging === null)) return 'unknown';
  return 'not-logging';
}

export function regionCoverage(regions: readonly string[], trails: readonly TrailView[]): { regions: RegionCoverage[]; otherTrails: TrailView[] } {
  const covered = regions.map((region) => {
    const recording = trails.filter((t) => trailCoversRegion(t, region));
    return {
      region,
      status: regionStatus(recording),
      validated: recording.some((t) => t.isLogging === true && t.logFileValidation),
      trails: recording,
    };
  });
  const otherTrails = trails.filter((t) => !t.isMultiRegion && !regions.includes(t.homeRegion));
  return { regions: covered, otherTrails };
}
