// `npm run checklist [-- --json] [-- --account ID]`: the current checklist from the store. Exits 1
// when an item fails (so it can gate a pipeline), 3 when no checklist has been evaluated yet.
import { getChecklist } from '@/lib/checklist/queries';
import type { ChecklistResponse } from '@/lib/checklist/schema';

const args = process.argv.slice(2);
const json = args.includes('--json');
const accountArg = args.indexOf('--account');
const accountId = accountArg >= 0 ? args[accountArg + 1] : undefined;

const mark = { pass: 'PASS', fail: 'FAIL', unknown: '????', not_applicable: 'n/a ' } as const;

async function main(): Promise<number> {
  if (accountArg >= 0 && !/^\d{12}$/.test(accountId ?? '')) {
    process.stderr.write('--account needs a 12-digit AWS account id\n');
    return 64;
  }
  const body: ChecklistResponse = { accounts: await getChecklist({ accountId }) };
  if (json) process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  else {
    for (const a of body.accounts) {
      process.stdout.write(`\n${a.accountName} (${a.accountId}) — evaluated ${a.evaluatedAt.toISOString()}${a.paused ? " — PAUSED: not synced, verdicts judge data read before" : ""}\n`);
      for (const i of a.items) process.stdout.write(`  ${mark[i.verdict]}  ${String(i.number).padStart(2)}. ${i.title} — ${i.summary}\n`);
    }
  }
  if (body.accounts.length === 0) {
    process.stderr.write('No checklist has been evaluated yet: run `npm run sync` first.\n');
    return 3;
  }
  return body.accounts.some((a) => a.items.some((i) => i.verdict === 'fail')) ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`checklist failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
