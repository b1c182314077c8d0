import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/server';
import { checklistRules } from '@/lib/checks/evaluate';

// The checklist's reference: what each item's verdict means, generated from the rules' own metadata
// (lib/checks/*: title, what counts, what it rests on, references, where it differs), so it cannot
// drift from the code that judges.

export const metadata: Metadata = { title: 'Checklist reference' };

export default async function ReferencePage() {
  await requireRole('viewer', '/reference');
  return (
    <>
      <PageHeader
        title="Checklist reference"
        description="How each item is judged. A pass means every read it rests on was made recently and what AWS enforces meets the item; a read that was not made makes the item unknown, naming what is missing. A permission is named only when AWS denied it."
      />
      <div className="space-y-4">
        {checklistRules.map((rule) => (
          <Card key={rule.slug} className="scroll-mt-6">
            <article id={rule.slug} aria-labelledby={`${rule.slug}-title`}>
              <h2 id={`${rule.slug}-title`} className="text-base font-semibold">
                {rule.number}. {rule.title} <span className="ml-2 text-xs font-normal uppercase text-slate-500">severity {rule.severity}</span>
              </h2>
              <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="font-medium text-slate-600">What counts</dt>
                <dd>{rule.semantics.counts}</dd>
                <dt className="font-medium text-slate-600">Rests on</dt>
                <dd>
                  <ul className="list-disc pl-5">
                    {rule.semantics.restsOn.map((read) => (
                      <li key={read}>{read}</li>
                    ))}
                  </ul>
                </dd>
                <dt className="font-medium text-slate-600">References</dt>
                <dd>
                  {rule.references.length > 0 ? (
                    <ul className="list-disc pl-5">
                      {rule.references.map((r) => (
                        <li key={`${r.framework} ${r.id}`}>
                          {r.framework} {r.id}: {r.title}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    'The seed checklist only.'
                  )}
                </dd>
                {rule.semantics.differs ? (
                  <>
                    <dt className="font-medium text-slate-600">Where it differs</dt>
                    <dd>{rule.semantics.differs}</dd>
                  </>
                ) : null}
              </dl>
            </article>
          </Card>
        ))}
      </div>
    </>
  );
}
