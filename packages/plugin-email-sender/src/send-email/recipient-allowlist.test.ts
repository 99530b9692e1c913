import { describe, expect, it } from 'vitest';
import { recipientsOutsideAllowlist } from './recipient-allowlist';

describe('recipientsOutsideAllowlist', () => {
  it('permits everyone when there is no allowlist', () => {
    expect(recipientsOutsideAllowlist(['a@x.test'], undefined)).toEqual([]);
  });

  it('matches full addresses and @domain entries without regard to case', () => {
    const allowlist = ['Boss@Corp.test', '@team.test'];
    expect(
      recipientsOutsideAllowlist(['boss@corp.test', 'ANY@team.test', 'other@corp.test'], allowlist),
    ).toEqual(['other@corp.test']);
  });

  it('does not treat a subdomain or a look-alike domain as the allowed domain', () => {
    expect(recipientsOutsideAllowlist(['a@evil.team.test', 'a@team.test.evil'], ['@team.test'])).toEqual([
      'a@evil.team.test',
      'a@team.test.evil',
    ]);
  });

  it('permits nobody with an empty allowlist', () => {
    expect(recipientsOutsideAllowlist(['a@x.test'], [])).toEqual(['a@x.test']);
  });
});
