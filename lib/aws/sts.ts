import 'server-only';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients, StaticCredentials } from '@/lib/aws/clients';
import { AwsCallError, callAws } from '@/lib/aws/errors';

export type CallerIdentity = { accountId: string; arn: string; userId: string };

export async function getCallerIdentity(clients: AwsClients): Promise<CallerIdentity> {
  const res = await callAws('sts:GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({})));
  if (!res.Account || !res.Arn) throw new AwsCallError('malformed', 'sts:GetCallerIdentity', 'MalformedResponse', 'no account or ARN in the answer');
  return { accountId: res.Account, arn: res.Arn, userId: res.UserId ?? '' };
}

export async function assumeRole(
  clients: AwsClients,
  { roleArn, externalId, sessionName = 'warden-sync', durationSeconds = 3600 }: { roleArn: string; externalId?: string | null; sessionName?: string; durationSeconds?: number },
): Promise<StaticCredentials> {
  const res = await callAws('sts:AssumeRole', () =>
    clients.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        DurationSeconds: durationSeconds,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    ),
  );
  const c = res.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new AwsCallError('malformed', 'sts:AssumeRole', 'MalformedResponse', 'no credentials in the answer');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
