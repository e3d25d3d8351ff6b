// The one classifier of transient database failures: what is "try again later" and what is a bug.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { isDatabaseUnavailable } from '../../core/infra-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** How drizzle wraps a driver error. */
const drizzleWrapped = (cause: unknown, message = 'Failed query: select 1\nparams: ') =>
  Object.assign(new Error(message, { cause }), { name: 'DrizzleQueryError' });

describe('isDatabaseUnavailable', () => {
  it.each([
    '57P01',
    '57P02',
    '57P03',
    '55000',
    '08000',
    '08001',
    '08003',
    '08004',
    '08006',
    '53300',
    '40001',
    '40P01',
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    'CONNECT_TIMEOUT',
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
  ])('counts %s as the database being away, also inside drizzle’s wrapper', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    expect(isDatabaseUnavailable(drizzleWrapped(withCode(code)))).toBe(true);
  });

  it('counts workerd’s socket errors, which carry only a message', () => {
    expect(isDatabaseUnavailable(new Error('Network connection lost.'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Stream was cancelled.'))).toBe(true);
    expect(isDatabaseUnavailable(drizzleWrapped(new Error('Network connection lost.')))).toBe(true);
  });

  it('counts the API’s own database_unavailable and a generic error wrapping a lost connection', () => {
    expect(isDatabaseUnavailable(new AppError('database_unavailable'))).toBe(true);
    expect(isDatabaseUnavailable(new AppError('internal', { cause: withCode('CONNECTION_CLOSED') }))).toBe(
      true,
    );
  });

  it('does not count bugs, constraint violations, bad input or domain refusals', () => {
    for (const e of [
      new TypeError('Cannot read properties of undefined'),
      withCode('23505'),
      withCode('22P02'),
      withCode('42P01'),
      withCode('0800'),
      new AppError('not_found'),
      new AppError('internal'),
      'CONNECTION_CLOSED',
      null,
      undefined,
    ]) {
      expect(isDatabaseUnavailable(e)).toBe(false);
    }
  });

  it('is not fooled by a value quoted in a failed query’s text', () => {
    const quoted = drizzleWrapped(
      withCode('23505'),
      'Network connection lost. params: Network connection lost.',
    );
    expect(isDatabaseUnavailable(quoted)).toBe(false);
  });
});
