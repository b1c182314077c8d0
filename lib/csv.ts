import { stringify, type Options } from 'csv-stringify/sync';

// The one CSV writer: RFC 4180 quoting with CRLF line ends, and a cell that a spreadsheet would
// run as a formula (starting with = + - @, a tab or a carriage return, or their full-width forms)
// prefixed with ' so that it stays text. Numbers are left as they are: -3 is a number, not a formula.

export type CsvValue = string | number | boolean | null | undefined;

const options: Options = {
  record_delimiter: 'windows',
  // A lone \n or \r in a cell is quoted too (by default only the full \r\n would be).
  quote_record_delimiter: true,
  escape_formulas: true,
  // csv-stringify writes true as "1" and false as "": a reader should see the word.
  cast: { boolean: (value) => String(value) },
};

/** A header line and one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify([[...header], ...rows.map((row) => [...row])], options);
}

/** One cell as it appears between the commas. */
export function csvCell(value: CsvValue): string {
  return stringify([[value]], { ...options, eof: false });
}
