import { isConflict } from '../../src/index.js';

const status = (reason: string, code: number) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  reason,
  code,
});

describe('isConflict, by the shape of the error', () => {
  const conflicts: [string, unknown][] = [
    ['an error response with status 409 (HttpErrorResponse, AjaxError)', { status: 409, ok: false }],
    ['an error whose response has status 409 (axios, ky)', { message: 'x', response: { status: 409 } }],
    ['a Kubernetes Status with reason Conflict', status('Conflict', 409)],
    ['a Status with reason Conflict and another code', status('Conflict', 500)],
    ['a Status with code 409 and an unknown reason', status('', 409)],
    ['an API exception with code 409 and a Status body', { code: 409, body: status('Conflict', 409) }],
    [
      'an API exception with code 409 and a Status JSON string body',
      { code: 409, body: JSON.stringify(status('Conflict', 409)) },
    ],
    ['an API exception with code 409 and a body that is no Status', { code: 409, body: 'conflict' }],
    ['an object with reason Conflict and a code', { reason: 'Conflict', code: 409 }],
    ['an Error whose cause is a 409 response', new Error('write failed', { cause: { status: 409 } })],
  ];
  for (const [what, error] of conflicts) {
    it(`recognises ${what}`, () => expect(isConflict(error)).toBeTrue());
  }

  const others: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'Conflict'],
    ['the number 409', 409],
    ['a 404', { status: 404 }],
    ['a 500', { status: 500 }],
    ['a 409 on a success response', { status: 409, ok: true }],
    ['a Status with reason AlreadyExists (a 409 that a retry cannot fix)', status('AlreadyExists', 409)],
    [
      'an error response whose Status body says AlreadyExists',
      { status: 409, error: status('AlreadyExists', 409) },
    ],
    ['a bare { code: 409 }', { code: 409 }],
    ['a Node.js error code', Object.assign(new Error('x'), { code: 'ECONFLICT' })],
    ['a Status JSON body with reason NotFound', { code: 404, body: JSON.stringify(status('NotFound', 404)) }],
  ];
  for (const [what, error] of others) {
    it(`rejects ${what}`, () => expect(isConflict(error)).toBeFalse());
  }

  it('never throws, even for an object whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'status', {
      get() {
        throw new Error('boom');
      },
    });
    expect(isConflict(hostile)).toBeFalse();
  });

  it('ends on a cycle of causes', () => {
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(isConflict(a)).toBeFalse();
  });
});
