// `npm run user:create-admin -- --username <name>`: creates a Warden administrator (a local
// account) from a shell on the host, for the first administrator or to recover when nobody can
// sign in. The password is typed twice at a prompt (not echoed), or read from the first line of
// standard input when it is not a terminal — never from an argument or the environment.
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { usernameSchema } from '@/lib/auth/schema';
import { passwordProblem } from '@/lib/auth/password';
import { createLocalUser } from '@/lib/auth/users';

async function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  let value = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readFirstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { username: { type: 'string' } } });
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!username.success) {
    process.stderr.write(`usage: npm run user:create-admin -- --username <name>\n${username.error.issues[0]?.message ?? ''}\n`);
    return 64;
  }
  let password: string;
  if (process.stdin.isTTY) {
    password = await readHidden(`Password for ${username.data}: `);
    if ((await readHidden('Again: ')) !== password) {
      process.stderr.write('The two passwords differ.\n');
      return 65;
    }
  } else {
    password = await readFirstLine();
  }
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 65;
  }
  const user = await createLocalUser({ username: username.data, role: 'admin', password }, `cli:${userInfo().username}`);
  process.stdout.write(`Created administrator ${user.name}. Sign in at /sign-in.\n`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`user:create-admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
