'use client';

import Link from 'next/link';
import { ScreenToolbar } from '@/components/shell/screen-toolbar';
import { EventsTable } from '@/components/activity/events-table';
import { KeyEventsPanel } from '@/components/activity/key-events-panel';
import { TrailCoverage } from '@/components/activity/trail-coverage';
import { FreshnessPanel } from '@/components/sync/freshness-panel';
import { NoDataYet } from '@/components/sync/no-data-yet';
import { Card } from '@/components/ui/card';
import { useSelectedAccount } from '@/lib/accounts/hooks';
import { useTrailCoverage } from '@/lib/activity/hooks';
import { activityViewSchema } from '@/lib/activity/schema';
import type { KeyEventName } from '@/lib/cloudtrail/parse-event';
import { useUrlState } from '@/lib/use-url-state';

/** The activity screen: account, event and user filters live in the URL (?account=, ?event=, ?user=). */
export function ActivityView() {
  const [accountId] = useSelectedAccount();
  const { value: view, invalid, update } = useUrlState(activityViewSchema);
  const user = view.user ?? null;
  const event = view.event ?? null;
  const badUser = invalid.includes('user');
  const scope = `${accountId ?? 'all'}-${user ?? 'all'}`;
  const coverage = useTrailCoverage(accountId);
  const neverRead = coverage.data !== undefined && coverage.data.accounts.every((a) => a.readAt === null);

  return (
    <div className="space-y-6">
      <ScreenToolbar />

      {user || badUser ? (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          {user ? (
            <span>
              Showing the CloudTrail events of <span className="font-semibold">{user}</span>
              {accountId ? ` in account ${accountId}` : ' in every account'}.
            </span>
          ) : (
            <span>The user in the link is not a valid IAM name; showing every user.</span>
          )}
          <button type="button" className="font-medium text-sky-700 hover:underline" onClick={() => update({ user: undefined })}>
            Show every user
          </button>
        </div>
      ) : null}

      {neverRead ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <NoDataYet what="CloudTrail coverage and activity" />
          </div>
          <Card title="CloudTrail freshness">
            <FreshnessPanel accountId={accountId} sources={['cloudtrail']} />
          </Card>
        </div>
      ) : (
        <ActivityCards accountId={accountId} user={user} event={event} scope={scope} onEvent={(e) => update({ event: e })} />
      )}
    </div>
  );
}

function ActivityCards({
  accountId,
  user,
  event,
  scope,
  onEvent,
}: {
  accountId: string | null;
  user: string | null;
  event: KeyEventName | null;
  scope: string;
  onEvent: (e: KeyEventName | null) => void;
}) {
  return (
    <>
      {user ? (
        <Card title={`Events of ${user}`}>
          <p className="mb-3 text-sm text-slate-600">
            Warden keeps root actions, console sign-ins and cross-account AssumeRole calls from CloudTrail; other API calls are counted per day,
            not per user. Back to the{' '}
            <Link className="font-medium text-sky-700 hover:underline" href={`/credentials?${new URLSearchParams({ q: user, ...(accountId ? { account: accountId } : {}) }).toString()}`}>
              credentials of {user}
            </Link>
            .
          </p>
          <EventsTable
            key={`user-${scope}`}
            accountId={accountId}
            kind="all"
            user={user}
            columns={['time', 'account', 'region', 'event', 'sourceIp', 'mfa', 'outcome', 'userAgent']}
            caption={`CloudTrail events of ${user}`}
            empty={`No root action, console sign-in or cross-account AssumeRole by ${user} in the events Warden has read.`}
          />
        </Card>
      ) : null}

      <Card title="CloudTrail coverage">
        <TrailCoverage accountId={accountId} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="Key events per day, last 90 days" className="lg:col-span-3">
          <KeyEventsPanel accountId={accountId} event={event} onEvent={onEvent} />
        </Card>
        <Card title="CloudTrail freshness" className="lg:col-span-2">
          <FreshnessPanel accountId={accountId} sources={['cloudtrail']} />
        </Card>
      </div>

      {user ? null : (
        <>
          <Card title="Root user actions">
            <EventsTable
              key={`root-${scope}`}
              accountId={accountId}
              kind="root"
              user={null}
              columns={['time', 'account', 'region', 'event', 'sourceIp', 'mfa', 'outcome', 'userAgent']}
              caption="Root user actions"
              empty="No root-user action in the events Warden has read."
            />
          </Card>
          <Card title="Console sign-ins without MFA">
            <EventsTable
              key={`console-${scope}`}
              accountId={accountId}
              kind="console-without-mfa"
              user={null}
              columns={['time', 'account', 'region', 'who', 'sourceIp', 'outcome', 'userAgent']}
              caption="Console sign-ins without MFA"
              empty="No console sign-in without MFA in the events Warden has read."
            />
          </Card>
          <Card title="Cross-account AssumeRole">
            <EventsTable
              key={`cross-${scope}`}
              accountId={accountId}
              kind="cross-account"
              user={null}
              columns={['time', 'account', 'region', 'who', 'role', 'sourceIp', 'outcome']}
              caption="Cross-account AssumeRole calls"
              empty="No cross-account AssumeRole call in the events Warden has read."
            />
          </Card>
        </>
      )}
    </>
  );
}
