// IAM's wildcard matching ("*" any run of characters, "?" one character) for actions, resources and
// the StringLike/ArnLike condition operators. Patterns come from AWS data that anyone who can write a
// policy in a monitored account controls, so matching never backtracks: runs of "*" collapse to one
// and a two-pointer scan that remembers only the last "*" decides in O(pattern × text) at worst,
// instead of the exponential time a backtracking regular expression takes on "iam:***…***Q".

/** Collapses runs of "*" (they match the same as one) so the scan never revisits them. */
function collapseStars(pattern: string): string {
  return pattern.includes('**') ? pattern.replace(/\*{2,}/g, '*') : pattern;
}

/** Whether `text` matches the IAM wildcard `pattern`; `ignoreCase` for action names. */
export function globMatches(pattern: string, text: string, ignoreCase = false): boolean {
  const p = collapseStars(ignoreCase ? pattern.toLowerCase() : pattern);
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let star = -1; // position in p just after the last "*" seen
  let resume = 0; // position in t where that "*" currently ends
  while (ti < t.length) {
    const pc = p[pi];
    if (pc === '*') {
      star = ++pi;
      resume = ti;
    } else if (pc !== undefined && (pc === '?' || pc === t[ti])) {
      pi++;
      ti++;
    } else if (star !== -1) {
      // Let the last "*" swallow one more character and try again from there.
      pi = star;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
