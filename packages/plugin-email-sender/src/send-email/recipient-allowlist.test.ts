import { describe, expect, it } from 'vitest';
import { recipientsOutsideAllowlist } from './recipient-allowlist';

describe('recipientsOutsideAllowlist', () => {
  it('permits everyone when there is no allowlist', () => {
    expect(recipientsOutsideAllowlist({ to: 'a@x.test' }, undefined)).toEqual([]);
  });

  it('matches full addresses and @domain entries without regard to case, pointing at each refused one', () => {
    const allowlist = ['Boss@Corp.test', '@team.test'];
    const recipients = { to: ['boss@corp.test', 'other@corp.test'], cc: 'ANY@team.test', bcc: 'x@y.test' };
    expect(recipientsOutsideAllowlist(recipients, allowlist)).toEqual([
      { pointer: '/to/1', address: 'other@corp.test' },
      { pointer: '/bcc', address: 'x@y.test' },
    ]);
  });

  it('does not treat a subdomain or a look-alike domain as the allowed domain', () => {
    expect(
      recipientsOutsideAllowlist({ to: ['a@evil.team.test', 'a@team.test.evil'] }, ['@team.test']),
    ).toEqual([
      { pointer: '/to/0', address: 'a@evil.team.test' },
      { pointer: '/to/1', address: 'a@team.test.evil' },
    ]);
  });

  it('permits nobody with an empty allowlist', () => {
    expect(recipientsOutsideAllowlist({ to: 'a@x.test' }, [])).toEqual([
      { pointer: '/to', address: 'a@x.test' },
    ]);
  });
});
