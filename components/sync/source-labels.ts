// What each source is called on screen.
export const sourceLabels: Record<string, string> = {
  'credential-report': 'Credential report',
  account: 'IAM account facts',
  'access-analyzer': 'Access Analyzer',
  cloudtrail: 'CloudTrail',
  organizations: 'Organizations',
};

export function sourceLabel(source: string): string {
  return sourceLabels[source] ?? source;
}
