import { EXIT, runApiKeyCommand } from './apikey.command';

/** `npm run apikey -- create --role auditor --label "Audit team"`, `list`, `revoke <id>`. */
runApiKeyCommand(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `apikey failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.refused;
  });
