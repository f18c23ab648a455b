import { roleFromArguments, RoleArgumentError, runsApi, runsMail } from './roles';

describe('roleFromArguments', () => {
  it.each([
    [[], 'all'],
    [['--role', 'api'], 'api'],
    [['--role', 'mail'], 'mail'],
    [['--role', 'all'], 'all'],
    [['--role=mail'], 'mail'],
  ])('%j runs %s', (args, role) => {
    expect(roleFromArguments(args)).toBe(role);
  });

  it.each([
    [['--role'], '--role needs one of api, mail, all'],
    [['--role', 'scheduler'], '--role scheduler: expected one of api, mail, all'],
    [['--port', '3000'], 'unknown argument --port: the only one is --role api|mail|all'],
  ])('refuses %j, saying what is allowed', (args, message) => {
    expect(() => roleFromArguments(args)).toThrow(new RoleArgumentError(message));
  });

  it('the API role runs the scheduler, the mail role the intake, processor and sender; all runs both', () => {
    expect([runsApi('api'), runsMail('api')]).toEqual([true, false]);
    expect([runsApi('mail'), runsMail('mail')]).toEqual([false, true]);
    expect([runsApi('all'), runsMail('all')]).toEqual([true, true]);
  });
});
