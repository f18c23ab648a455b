import { describeFailure } from './describe-failure';

describe('describeFailure', () => {
  it('keeps the name and message of an ordinary error', () => {
    expect(describeFailure(new Error('the case store is unavailable'))).toBe(
      'Error: the case store is unavailable',
    );
  });

  it("keeps the database's own message of a failed query, not the query's parameters", () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const error = new Error(
      'Failed query: insert into "attachments" ...\nparams: Child A,notes.pdf',
      {
        cause,
      },
    );
    expect(describeFailure(error)).toBe(
      'database error (22021): invalid byte sequence for encoding "UTF8": 0x00',
    );
  });

  it('says so when what was thrown is not an error', () => {
    expect(describeFailure('nope')).toBe('unknown error');
  });
});
