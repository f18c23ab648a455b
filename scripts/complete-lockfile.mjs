// The npm registry reachable from our machines serves the Linux builds of packages with
// per-platform binaries (turbo, swc, ...) but not the macOS, Windows or other builds, so
// `npm install` here writes a package-lock.json without them and `npm ci` then refuses
// the lock as out of sync. This adds the missing platform entries (version, os, cpu; no
// integrity, which only the full registry could give) so `npm ci` passes here and still
// installs the right binary elsewhere. Run it after any `npm install` that changes the lock:
//   npm run lock:complete
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = [
  ['darwin', 'darwin'],
  ['win32', 'win32'],
  ['windows', 'win32'],
  ['android', 'android'],
  ['freebsd', 'freebsd'],
  ['openharmony', 'openharmony'],
  ['netbsd', 'netbsd'],
  ['openbsd', 'openbsd'],
  ['sunos', 'sunos'],
  ['aix', 'aix'],
  ['linux', 'linux'],
];
const CPU = [
  ['arm64', 'arm64'],
  ['aarch64', 'arm64'],
  ['ia32', 'ia32'],
  ['ppc64', 'ppc64'],
  ['s390x', 's390x'],
  ['riscv64', 'riscv64'],
  ['loong64', 'loong64'],
  ['x64', 'x64'],
  ['-arm-', 'arm'],
  ['-arm', 'arm'],
  ['-64', 'x64'],
];

function platformOf(name) {
  const base = name.split('/').at(-1);
  const os = OS.find(([key]) => base.includes(key))?.[1];
  const cpu = CPU.find(([key]) => base.includes(key) || base.endsWith(key))?.[1];
  if (!os || !cpu)
    throw new Error(`cannot tell the platform of ${name}: add its lock entry by hand`);
  return { os, cpu };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const { os, cpu } = platformOf(name);
    packages[`node_modules/${name}`] = {
      version: spec.replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
