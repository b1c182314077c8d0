import type { EvidenceItem } from '@/lib/checklist/schema';
import {
  evidence,
  listNames,
  permissions,
  unknownOutcome,
  unreadRemedyText,
  unreadable,
  type ChecklistRule,
  type RuleOutcome,
} from '@/lib/checks/rule';
import type { AccountSnapshot } from '@/lib/checks/types';

// Item 10: a customer-managed service control policy exists in the account's organization.

function evaluateScps(snapshot: AccountSnapshot): RuleOutcome {
  const org = snapshot.organization;
  const createCommands = [
    'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name <guardrails> --description "Organization guardrails" --content file://scp.json',
    'aws organizations attach-policy --policy-id <policy id from create-policy> --target-id <root, OU or account id>',
  ];
  if (org === null) {
    return unknownOutcome(
      [unreadable(snapshot, 'organization', 'The organization\'s service control policies', permissions.listPolicies)],
      { where: '(in the management or delegated administrator account)' },
    );
  }
  const stateEvidence = evidence('organization', snapshot.account.id, 'Organization membership', 'noted',
    org.message ?? `State: ${org.state}.`, { state: org.state, message: org.message });

  // SCPs never apply to the management account: whatever the organization defines, nothing here is
  // guarded by one. That is a fact to show, not a pass.
  if (org.managementAccountId !== null && org.managementAccountId === snapshot.account.id) {
    return {
      verdict: 'not_applicable',
      summary: 'This is the organization\'s management account: service control policies never apply to it, so no SCP guards anything in it.',
      evidence: [{ ...stateEvidence, status: 'noted', detail: `Management account of ${org.organizationId ?? 'the organization'}; SCPs apply only to member accounts.` }],
      remedy: {
        text: 'Keep workloads and people out of the management account: use it only to administer the organization, delegate security services to a member account, and guard it with MFA, few principals and monitoring instead.',
        commands: ['aws organizations register-delegated-administrator --account-id <security account id> --service-principal <service>'],
      },
    };
  }

  switch (org.state) {
    case 'not-in-organization':
      return {
        verdict: 'fail',
        summary: 'The account is stand-alone (not in an AWS Organization), so no service control policy can guard it.',
        evidence: [{ ...stateEvidence, status: 'fail' }],
        remedy: {
          text: 'Join the account to an organization (or create one with all features) and define SCPs there.',
          commands: ['aws organizations create-organization --feature-set ALL', ...createCommands],
        },
      };
    case 'access-denied':
      return {
        verdict: 'unknown',
        summary: `Listing service control policies was denied; Warden needs ${permissions.listPolicies.join(', ')}.`,
        evidence: [{ ...stateEvidence, status: 'unknown' }],
        remedy: { text: unreadRemedyText(permissions.listPolicies), commands: [] },
        missingPermissions: [...permissions.listPolicies],
      };
    case 'not-management-account':
      return {
        verdict: 'unknown',
        summary: `The account is a member of an organization and cannot see its SCPs: ${permissions.listPolicies.join(', ')} works only from the management account or a delegated administrator.`,
        evidence: [{ ...stateEvidence, status: 'unknown' }],
        remedy: {
          text: 'Read this account\'s SCPs through the management account (add it to Warden), or register Warden\'s account as a delegated administrator for Organizations policies.',
          commands: [`aws organizations list-policies-for-target --target-id ${snapshot.account.id} --filter SERVICE_CONTROL_POLICY`],
        },
        missingPermissions: [...permissions.listPolicies],
      };
    case 'management':
    case 'member-with-scps': {
      const items: EvidenceItem[] = [stateEvidence];
      for (const scp of org.scps) {
        items.push(
          evidence('scp', scp.arn, scp.name, scp.awsManaged ? 'noted' : 'pass',
            scp.awsManaged ? 'AWS managed (FullAWSAccess allows everything; it is no guardrail).' : `Customer-managed SCP${scp.description === null ? '' : `: ${scp.description}`}.`,
            { policyId: scp.policyId, awsManaged: scp.awsManaged }),
        );
      }
      const customer = org.scps.filter((scp) => !scp.awsManaged);
      if (customer.length > 0) {
        return {
          verdict: 'pass',
          summary: `${customer.length === 1 ? 'A customer-managed SCP is' : `${customer.length} customer-managed SCPs are`} defined in the organization: ${listNames(customer.map((scp) => scp.name))} (attachment to this account is not checked).`,
          evidence: items,
          remedy: {
            text: 'Nothing to do. Check that the SCPs are attached to the OUs that hold this account.',
            commands: [`aws organizations list-policies-for-target --target-id ${snapshot.account.id} --filter SERVICE_CONTROL_POLICY`],
          },
        };
      }
      return {
        verdict: 'fail',
        summary: 'The organization defines no customer-managed SCP (only AWS\'s FullAWSAccess, which restricts nothing).',
        evidence: items.map((item) => (item.kind === 'organization' ? { ...item, status: 'fail' as const } : item)),
        remedy: {
          text: 'Write guardrail SCPs (e.g. deny leaving the organization, disabling CloudTrail or Access Analyzer, using unapproved regions, and root-user actions) and attach them to the root or OUs.',
          commands: createCommands,
        },
      };
    }
  }
}

export const serviceControlPoliciesRule: ChecklistRule = {
  number: 10,
  slug: 'service-control-policies',
  title: 'Service control policies defined (Organizations)',
  severity: 'medium',
  references: [],
  semantics: {
    counts: "Pass when the organization defines a customer-managed SCP and this account is a member; not applicable for the management account, where SCPs never apply; fail for a stand-alone account or an organization with only FullAWSAccess; unknown for a member that cannot list policies.",
    restsOn: ["organizations:DescribeOrganization", "organizations:ListPolicies (management account or delegated administrator)"],
    differs: "Attachment of the SCP to this account's OUs is not checked yet.",
  },
  sources: ['organization'],
  evaluate: evaluateScps,
};
