// Who a request counts against: the client's network (IPv6 by /64), hashed with a secret before it
// reaches the limiter; and refusals remembered in the isolate so a flood does not reach the limiter.
import { describe, expect, it } from 'vitest';
import { clientNetwork, limitKey } from '../../../core/rate-limit/limit-key';
import { localLimiter } from '../../../core/rate-limit/limiter';
import type { RateLimitRule } from '../../../core/rate-limit/rate-limit-table';
import { RefusalCache, withRefusalCache } from '../../../core/rate-limit/refusal-cache';

describe('the client network', () => {
  it('is an IPv4 address as it is', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    const a = clientNetwork('2001:db8:85a3:0042:1000:8a2e:0370:7334');
    expect(a).toBe('2001:db8:85a3:42::/64');
    expect(clientNetwork('2001:DB8:85A3:42::1')).toBe(a);
    expect(clientNetwork('2001:db8:85a3:42:ffff::9')).toBe(a);
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  });

  it('is one shared "unknown" for a missing or malformed header, never the raw text', () => {
    for (const bad of [undefined, null, '', 'not an ip', '1:2:3:4:5:6:7:8:9', '1::2::3', '<script>'])
      expect(clientNetwork(bad)).toBe('unknown');
  });
});

describe('the limiter key', () => {
  it('is a keyed hash: stable for one secret, different for another, never containing the address', async () => {
    const a = await limitKey('secret-1', 'ip:203.0.113.7');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await limitKey('secret-1', 'ip:203.0.113.7')).toBe(a);
    expect(await limitKey('secret-2', 'ip:203.0.113.7')).not.toBe(a);
    expect(await limitKey('secret-1', 'ip:203.0.113.8')).not.toBe(a);
    expect(a).not.toContain('203');
  });
});

describe('the refusal cache', () => {
  const rule: RateLimitRule = { name: 'p', mode: 'requests', limit: 2, windowMs: 1000, globalLimit: 5 };

  it('answers a known refusal without asking the limiter again, until it expires', async () => {
    let now = 0;
    const inner = localLimiter({ now: () => now });
    let asked = 0;
    const counting = {
      ...inner,
      consume: (r: RateLimitRule, k: string) => {
        asked++;
        return inner.consume(r, k);
      },
    };
    const limiter = withRefusalCache(counting, new RefusalCache(), () => now);
    const ds = [];
    for (let i = 0; i < 10; i++) ds.push(await limiter.consume(rule, 'a'));
    expect(ds.filter((d) => d.allowed)).toHaveLength(2);
    expect(asked).toBe(3);
    expect(ds[9]).toMatchObject({ allowed: false, retryAfterMs: 1000, scope: 'key' });
    now = 1000;
    expect((await limiter.consume(rule, 'a')).allowed).toBe(true);
    expect(asked).toBe(4);
  });

  it('remembers a global refusal for every key of the policy', async () => {
    const now = 0;
    const limiter = withRefusalCache(localLimiter({ now: () => now }), new RefusalCache(), () => now);
    for (let i = 0; i < 6; i++) await limiter.consume(rule, `k${i}`);
    expect(await limiter.consume(rule, 'anyone')).toMatchObject({ allowed: false, scope: 'global' });
    expect(await limiter.consume({ ...rule, name: 'q' }, 'anyone')).toMatchObject({ allowed: true });
  });

  it('stays bounded', () => {
    const cache = new RefusalCache(50);
    for (let i = 0; i < 200; i++)
      cache.remember(rule, `k${i}`, { allowed: false, retryAfterMs: 1000, scope: 'key', first: true }, i);
    expect(cache.size).toBeLessThanOrEqual(50);
  });
});
