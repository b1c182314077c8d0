// The one clock of Warden's server side. Production reads the system clock; tests install a
// movable clock that starts at a fixed instant (lib/testing/test-clock.ts), so the sandbox's data,
// the sync, the checklist and the route handlers all agree on "now" whatever day the tests run.
// Browser code keeps the browser's own clock: it shows ages relative to the person's screen.

export interface Clock {
  now(): Date;
}

/** A clock that starts at a given instant, runs in real time from there and can be moved forward. */
export class MovableClock implements Clock {
  private readonly startedAt = performance.now();
  private offsetMs = 0;

  constructor(private readonly start: Date) {
    if (Number.isNaN(start.getTime())) throw new Error('MovableClock needs a valid start time');
  }

  now(): Date {
    return new Date(this.start.getTime() + Math.floor(performance.now() - this.startedAt) + this.offsetMs);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance needs a non-negative number of milliseconds');
    this.offsetMs += ms;
  }
}

const systemClock: Clock = { now: () => new Date() };
const holder = globalThis as unknown as { wardenClock?: Clock };

/** The clock in effect (shared across module copies through globalThis, as Next.js may load two). */
export function currentClock(): Clock {
  return holder.wardenClock ?? systemClock;
}

/** "Now" by the clock in effect: the default for every server-side `now` parameter. */
export function currentTime(): Date {
  return currentClock().now();
}

/** Installs a clock for this process (tests and benchmarks); `null` goes back to the system clock. */
export function installClock(clock: Clock | null): void {
  holder.wardenClock = clock ?? undefined;
}
