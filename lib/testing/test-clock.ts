// Tests run on a clock of their own: it starts at a fixed instant, whatever the day or the machine's
// clock, and runs in real time from there. The sandbox of a test shares it (its data is generated
// relative to it and `advanceClock` moves it), and so do the sync, the checklist and the route
// handlers, which read `currentTime()` from lib/clock. `npm test` also runs the suites under a moved system
// clock (faketime), so code that reads the system clock instead of this one fails at once.
import { MovableClock, currentClock, installClock } from '@/lib/clock';

/** The instant every test process starts at. */
export const TEST_EPOCH = new Date('2026-11-29T09:00:00Z');

function ensureTestClock(): MovableClock {
  const clock = currentClock();
  if (clock instanceof MovableClock) return clock;
  const fresh = new MovableClock(TEST_EPOCH);
  installClock(fresh);
  return fresh;
}

export const testClock: MovableClock = ensureTestClock();
