import 'server-only';
import { env, modeDecision } from '@/lib/env';
import { demoExposureProblem, signInRequired } from '@/lib/auth/config';
import { pruneSessions } from '@/lib/auth/sessions';
import { announceSetupIfNeeded } from '@/lib/auth/setup';

// At server start: a demo without sign-in must not listen beyond loopback (it would make everyone
// on the network an administrator), and a fresh install with sign-in gets a setup token in the log.

export async function prepareSignIn(log: (line: string) => void = (line) => process.stdout.write(`[warden] ${line}\n`)): Promise<void> {
  // The mode and whether sign-in is required are decided here, once, for the life of the process.
  const decision = modeDecision();
  log(`${decision.mode} mode, sign-in ${decision.signInRequired ? 'required' : 'off'} (${decision.reason}); fixed until the server restarts`);
  const problem = demoExposureProblem();
  if (problem) {
    process.stderr.write(`[warden] refusing to start: ${problem}\n`);
    process.exit(78);
  }
  if (!signInRequired()) {
    log('demo mode: sign-in is off, every visitor is the demo administrator (loopback only)');
    return;
  }
  await pruneSessions();
  await announceSetupIfNeeded(log, env().WARDEN_PUBLIC_URL);
}
