import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

export interface TestDovecot {
  host: string;
  port: number;
  /** the one mail user; an address, so the poller can tell which mailbox it reads */
  user: string;
  password: string;
  /** `imap://user:pass@127.0.0.1:port/<mailbox>`, as IMAP_URL would be set */
  url(mailbox?: string): string;
  /** Dovecot's own log so far: a failing test prints it */
  log(): string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'the IMAP tests start a real Dovecot: install it with `apt-get install dovecot-imapd` ' +
  '(or run apps/mail/scripts/install-dovecot.sh)';

/** The dovecot binary; a clear error when it is missing, because CI must install it, not skip. */
export function findDovecot(): string {
  const candidates = [
    '/usr/sbin/dovecot',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'dovecot')),
  ];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error(`Dovecot is not installed: ${INSTALL_HINT}`);
  return found;
}

interface Account {
  name: string;
  uid: number;
  gid: number;
}

function systemAccount(name: string): Account | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[2] === String(gid));
  return line ? line.split(':')[0]! : String(gid);
}

/**
 * Who Dovecot's processes run as. Dovecot refuses root for its login processes and for mail
 * access, so under root (CI containers) they run as the unprivileged accounts the Debian
 * package creates (`dovenull`, `dovecot`) or `nobody`. Under any other user everything runs
 * as that user, which Dovecot allows once chroot is off.
 */
function accounts(): { root: boolean; login: Account; internal: Account; mail: Account } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) {
    const me = userInfo();
    const self = { name: me.username, uid: me.uid, gid: me.gid };
    return { root: false, login: self, internal: self, mail: self };
  }
  const nobody = systemAccount('nobody');
  const pick = (name: string) => systemAccount(name) ?? nobody;
  const login = pick('dovenull');
  const internal = pick('dovecot');
  if (!login || !internal || !nobody) {
    throw new Error('no unprivileged account (dovenull, dovecot or nobody) to run Dovecot as');
  }
  return { root: true, login, internal, mail: nobody };
}

function dovecotVersion(binary: string): [number, number] {
  const text = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  const match = /^(\d+)\.(\d+)/.exec(text.trim());
  if (!match) throw new Error(`could not read the Dovecot version from "${text.trim()}"`);
  return [Number(match[1]), Number(match[2])];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface ConfigInput {
  dir: string;
  port: number;
  passwdFile: string;
  users: ReturnType<typeof accounts>;
}

/**
 * Dovecot 2.3 (Debian 12, Ubuntu 24.04). Loopback only, no TLS, plaintext login allowed
 * (Dovecot treats loopback as secure anyway), maildir under the temp dir, every runtime
 * file (sockets, state, log) inside it so nothing touches /etc, /var or a system Dovecot.
 */
function config23({ dir, port, passwdFile, users }: ConfigInput): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = escalations-test-${randomBytes(4).toString('hex')}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${users.internal.name}
default_internal_group = ${groupName(users.internal.gid)}
default_login_user = ${users.login.name}
first_valid_uid = ${users.mail.uid}
first_valid_gid = ${users.mail.gid}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${passwdFile}
}
userdb {
  driver = static
  args = uid=${users.mail.uid} gid=${users.mail.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
${users.root ? '' : '  chroot =\n'}}
`;
}

/** Dovecot 2.4 (Debian 13) renamed most of these settings; same server, same layout. */
function config24({ dir, port, passwdFile, users }: ConfigInput): string {
  return `dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = escalations-test-${randomBytes(4).toString('hex')}
log_path = ${dir}/dovecot.log
ssl = no
auth_allow_cleartext = yes
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${users.internal.name}
default_internal_group = ${groupName(users.internal.gid)}
default_login_user = ${users.login.name}
first_valid_uid = ${users.mail.uid}
first_valid_gid = ${users.mail.gid}
mail_uid = ${users.mail.uid}
mail_gid = ${users.mail.gid}
mail_home = ${dir}/mail/%{user}
mail_driver = maildir
mail_path = ${dir}/mail/%{user}
namespace inbox {
  inbox = yes
  separator = /
}
passdb passwd-file {
  passwd_file_path = ${passwdFile}
}
userdb static {
}
service imap-login {
  inet_listener imap {
    listen = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
${users.root ? '' : '  chroot =\n'}}
`;
}

/** Resolves once the server answers with its IMAP greeting, not merely accepts the socket. */
function greeting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n')) done(text.startsWith('* OK'));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * A real Dovecot for the IMAP tests, on a free loopback port, with one user and a maildir in
 * a temp dir of its own. Started in the foreground (`dovecot -F`) as a child of the test, so
 * it goes when the test stops it, and never touches a system Dovecot.
 */
export async function startDovecot(): Promise<TestDovecot> {
  const binary = findDovecot();
  const [major, minor] = dovecotVersion(binary);
  const users = accounts();
  const dir = mkdtempSync(join(tmpdir(), 'escalations-dovecot-'));
  // Dovecot's unprivileged processes must reach their sockets, the users file and the mail.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  if (users.root) chownSync(join(dir, 'mail'), users.mail.uid, users.mail.gid);

  const user = 'nel@escalations.localhost';
  const password = randomBytes(12).toString('base64url');
  const passwdFile = join(dir, 'users');
  writeFileSync(passwdFile, `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const port = await freePort();
  const configFile = join(dir, 'dovecot.conf');
  const input = { dir, port, passwdFile, users };
  writeFileSync(configFile, major > 2 || minor >= 4 ? config24(input) : config23(input));

  const logFile = join(dir, 'dovecot.log');
  let output = '';
  const child = spawn(binary, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const log = () =>
    `${output}${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`.trim() || '(no log)';

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // Dovecot waits for its processes to end; a stuck one must not hang the test run.
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited || Date.now() > deadline) {
      const why = exited ? 'exited' : 'did not answer within 15 s';
      const details = log();
      await stop();
      throw new Error(`Dovecot ${why} (config for ${major}.${minor}):\n${details}`);
    }
    if (await greeting(port)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: (mailbox = 'INBOX') =>
      `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    log,
    stop,
  };
}
