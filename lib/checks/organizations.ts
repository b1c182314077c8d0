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
import type { AccountSnapshot, OrganizationData, ScpAttachmentData, ScpPlacementData, ServiceControlPolicyData } from '@/lib/checks/types';

// Item 10: a customer-managed service control policy applies to the account: attached to its
// organization's root, an OU on its path, or the account itself.

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
          text: `Warden reads the organization's SCPs and where they are attached once a sync, from the management account or a delegated administrator for Organizations policies, where it discovers the organization (${[...permissions.listPolicies, ...permissions.listTargetsForPolicy].join(', ')}): give Warden's credentials that place, with those permissions, then sync.`,
          commands: [`aws organizations list-policies-for-target --target-id ${snapshot.account.id} --filter SERVICE_CONTROL_POLICY`],
        },
        missingPermissions: [...permissions.listPolicies],
      };
    case 'management':
    case 'member-with-scps':
      return judgeScps(snapshot, org, stateEvidence, createCommands);
  }
}

/** Where an SCP is attached, in words: "the root", "OU Root/Workloads/Production", "this account". */
function placement(snapshot: AccountSnapshot, target: ScpPlacementData): string {
  if (target.type === 'ROOT') return 'the root';
  if (target.type === 'ORGANIZATIONAL_UNIT') return `OU ${target.name}`;
  return target.targetId === snapshot.account.id ? 'this account' : `account ${target.name} (${target.targetId})`;
}

function elsewhereText(snapshot: AccountSnapshot, attachment: ScpAttachmentData): string {
  if (attachment.elsewhereCount === 0) return 'not attached anywhere';
  const shown = attachment.elsewhere.map((t) => placement(snapshot, t));
  const more = attachment.elsewhereCount - shown.length;
  return `attached to ${listNames(shown, shown.length)}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * The organization's SCPs are known. With their attachments read, a customer-managed SCP must
 * apply here (attached to the root, an OU on the account's path, or the account): one defined but
 * attached only elsewhere guards nothing in this account. Without them, "defined" is no pass.
 */
function judgeScps(snapshot: AccountSnapshot, org: OrganizationData, stateEvidence: EvidenceItem, createCommands: string[]): RuleOutcome {
  const customer = org.scps.filter((scp) => !scp.awsManaged);
  const awsManaged = org.scps
    .filter((scp) => scp.awsManaged)
    .map((scp) => evidence('scp', scp.arn, scp.name, 'noted', 'AWS managed (FullAWSAccess allows everything; it is no guardrail).', { policyId: scp.policyId, awsManaged: true }));
  const described = (scp: ServiceControlPolicyData) => `Customer-managed SCP${scp.description === null ? '' : ` (${scp.description})`}`;

  if (customer.length === 0) {
    return {
      verdict: 'fail',
      summary: 'The organization defines no customer-managed SCP (only AWS\'s FullAWSAccess, which restricts nothing).',
      evidence: [{ ...stateEvidence, status: 'fail' }, ...awsManaged],
      remedy: {
        text: 'Write guardrail SCPs (e.g. deny leaving the organization, disabling CloudTrail or Access Analyzer, using unapproved regions, and root-user actions) and attach them to the root or OUs.',
        commands: createCommands,
      },
    };
  }

  if (org.attachmentsChecked !== true) {
    return {
      verdict: 'unknown',
      summary: `The organization defines ${customer.length === 1 ? 'a customer-managed SCP' : `${customer.length} customer-managed SCPs`} (${listNames(customer.map((scp) => scp.name))}), but where ${customer.length === 1 ? 'it is' : 'they are'} attached was not read: one attached only to other OUs guards nothing here.`,
      evidence: [
        stateEvidence,
        ...customer.map((scp) => evidence('scp', scp.arn, scp.name, 'unknown', `${described(scp)}; its attachments were not read.`, { policyId: scp.policyId, awsManaged: false })),
        ...awsManaged,
      ],
      remedy: {
        text: `Warden needs ${permissions.listTargetsForPolicy.join(', ')} (with ${permissions.listPolicies.join(', ')}) in the management account or a delegated administrator for Organizations policies, where it discovers the organization; grant it there, then sync. Until then, check by hand which SCPs apply to this account.`,
        commands: [`aws organizations list-parents --child-id ${snapshot.account.id}`, `aws organizations list-policies-for-target --target-id <this account's id, then each parent's id up to the root> --filter SERVICE_CONTROL_POLICY`],
      },
    };
  }

  const applying = customer.filter((scp) => (scp.attachment?.appliesThrough.length ?? 0) > 0);
  const items: EvidenceItem[] = [stateEvidence];
  for (const scp of customer) {
    const attachment = scp.attachment ?? null;
    const through = attachment?.appliesThrough ?? [];
    const values = { policyId: scp.policyId, awsManaged: false, attachedHere: through.length > 0, attachedElsewhere: attachment?.elsewhereCount ?? null };
    if (through.length > 0) {
      items.push(evidence('scp', scp.arn, scp.name, 'pass', `${described(scp)}; applies to this account: attached to ${listNames(through.map((t) => placement(snapshot, t)), through.length)}.`, values));
    } else {
      // Attached only elsewhere: a failure when nothing else applies, a side note when another SCP does.
      const where = attachment === null ? 'its attachments were not read' : elsewhereText(snapshot, attachment);
      items.push(evidence('scp', scp.arn, scp.name, applying.length > 0 ? 'noted' : 'fail', `${described(scp)}; not attached to this account, its OUs or the root (${where}).`, values));
    }
  }
  items.push(...awsManaged);

  if (applying.length > 0) {
    const named = applying.map((scp) => `${scp.name} (attached to ${listNames((scp.attachment?.appliesThrough ?? []).map((t) => placement(snapshot, t)), 3)})`);
    return {
      verdict: 'pass',
      summary: `${applying.length === 1 ? 'A customer-managed SCP applies' : `${applying.length} customer-managed SCPs apply`} to this account: ${listNames(named, 3)}.`,
      evidence: items,
      remedy: {
        text: 'Nothing to do. Keep the guardrails attached where they cover this account when it moves between OUs.',
        commands: [`aws organizations list-policies-for-target --target-id ${snapshot.account.id} --filter SERVICE_CONTROL_POLICY`],
      },
    };
  }
  return {
    verdict: 'fail',
    summary: `The organization's customer-managed ${customer.length === 1 ? 'SCP' : 'SCPs'} ${listNames(customer.map((scp) => scp.name))} ${customer.length === 1 ? 'is' : 'are'} defined but not attached to this account's OUs: none is attached to the root, an OU above this account, or the account itself, so none guards it.`,
    evidence: items,
    remedy: {
      text: 'Attach the guardrail SCPs to the OU that holds this account (or to an OU above it, or the root), so that they apply to it.',
      commands: [
        `aws organizations list-parents --child-id ${snapshot.account.id}`,
        ...customer.slice(0, 3).map((scp) => `aws organizations attach-policy --policy-id ${scp.policyId} --target-id <the OU that holds this account>`),
      ],
    },
  };
}

export const serviceControlPoliciesRule: ChecklistRule = {
  number: 10,
  slug: 'service-control-policies',
  title: 'Service control policies defined (Organizations)',
  severity: 'medium',
  references: [],
  semantics: {
    counts: "Pass when a customer-managed SCP applies to this member account: attached to the organization's root, an OU on the account's path, or the account itself (the SCPs and their attachments are read once a sync from the management account or a delegated administrator, where the organization is discovered). Fail for a stand-alone account, an organization with only FullAWSAccess, or customer-managed SCPs that are attached to other OUs only. Not applicable for the management account, where SCPs never apply. Unknown when the SCPs or their attachments could not be read (a member cannot list them itself; older reads did not record attachments): defined somewhere in the organization is never a pass.",
    restsOn: ["organizations:DescribeOrganization", "organizations:ListPolicies and organizations:ListTargetsForPolicy (management account or delegated administrator)"],
    differs: "What an attached SCP denies is not judged: any customer-managed SCP that applies counts, whatever its statements.",
  },
  sources: ['organization'],
  evaluate: evaluateScps,
};
