// Counts with thousands separators: 22,559 reads faster than 22559.
const formatter = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return formatter.format(n);
}
