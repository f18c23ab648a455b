import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

// What ships is what `tsc -p tsconfig.build.json` compiles (the image builds with nothing
// else): benchmarks and test rigs are their own projects (tsconfig.rigs.json), built for
// development and the tests but never into the image.
const ROOT = join(__dirname, '../../..');
const WORKSPACES = [
  'packages/domain',
  'packages/db',
  'packages/email',
  'packages/casework',
  'apps/api',
  'apps/mail',
  'apps/cli',
  'apps/service',
];

/** Every file of ours the production program compiles, following imports, as tsc would. */
function productionFiles(workspace: string): string[] {
  const configPath = join(ROOT, workspace, 'tsconfig.build.json');
  const { config } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path)) as {
    config: unknown;
  };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const src = join(ROOT, workspace, 'src');
  return program
    .getSourceFiles()
    .map((file) => file.fileName)
    .filter((name) => name.startsWith(src))
    .map((name) => relative(src, name));
}

describe('the production build (tsconfig.build.json)', () => {
  it.each(WORKSPACES)('of %s compiles no benchmark, test rig or test', (workspace) => {
    const files = productionFiles(workspace);
    expect(files.length).toBeGreaterThan(0);
    expect(
      files.filter((file) => /(^|\/)(bench|testing)\/|\.(medium-)?spec\.ts$/.test(file)),
    ).toEqual([]);
  });

  it.each(['packages/domain', 'packages/db', 'apps/api', 'apps/mail'])(
    'of %s leaves out what its rigs project builds for the tests and `npm run bench`',
    (workspace) => {
      const configPath = join(ROOT, workspace, 'tsconfig.rigs.json');
      const { config } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path)) as {
        config: { include: string[]; references: { path: string }[] };
      };
      expect(config.include.length).toBeGreaterThan(0);
      expect(config.references).toEqual([{ path: './tsconfig.build.json' }]);
    },
  );
});
