import { describe, expect, it } from 'vitest';
import { networkOf } from '../../worker/services/surveys/client-key.ts';

// The per-client limit counts against networkOf(CF-Connecting-IP): one spelling per network,
// or every spelling of one network would be a bucket of its own.
describe('networkOf: the client network, in one canonical spelling', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(networkOf('192.0.2.1')).toBe('192.0.2.1');
    expect(networkOf('0.0.0.0')).toBe('0.0.0.0');
    expect(networkOf('255.255.255.255')).toBe('255.255.255.255');
    expect(networkOf(' 198.51.100.7 ')).toBe('198.51.100.7');
  });

  it.each([
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    // leading zeros
    ['2001:0db8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2::/64'],
    ['2001:db8:01:002::0001', '2001:db8:1:2::/64'],
    // upper and mixed case
    ['2001:DB8:1:2::FFFF', '2001:db8:1:2::/64'],
    ['2001:Db8:1:2:aBcD::', '2001:db8:1:2::/64'],
    // the full form, and `::` at every position
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:3::6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::', '2001:db8:1:2::/64'],
    ['2001:db8:1::2:3', '2001:db8:1::/64'],
    ['2001:db8::', '2001:db8::/64'],
    ['::', '::/64'],
    ['::1', '::/64'],
    ['1::', '1::/64'],
    ['1:2:3:4:5:6:7::', '1:2:3:4::/64'],
    ['::2:3:4:5:6:7:8', '0:2:3:4::/64'],
    // RFC 5952: the longest run of zeros is the one compressed, a single zero group is not
    ['2001:0:0:1::1', '2001:0:0:1::/64'],
    ['2001:0:1:0::', '2001:0:1::/64'],
    ['0:0:1:0:0:0:0:1', '0:0:1::/64'],
    ['fe80::1', 'fe80::/64'],
    // zone ids name an interface of the receiving host, not the client
    ['fe80::1%eth0', 'fe80::/64'],
    ['fe80::abcd:1%25en0', 'fe80::/64'],
    ['2001:db8:1:2::1%1', '2001:db8:1:2::/64'],
    // an IPv4 address written in the last 32 bits is part of the interface id
    ['2001:db8:1:2::192.0.2.1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:0:0:192.0.2.1', '2001:db8:1:2::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b::/64'],
  ])('keys IPv6 %s by its /64, %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });

  it('gives every spelling of one /64 the same key, and other /64s another', () => {
    const spellings = [
      '2001:db8:aa:bb::1',
      '2001:0DB8:00AA:00BB:0000:0000:0000:0001',
      '2001:db8:aa:bb:ffff:ffff:ffff:ffff',
      '2001:DB8:AA:BB::',
      '2001:db8:aa:bb::10.0.0.1%eth0',
    ];
    expect(new Set(spellings.map(networkOf)).size).toBe(1);
    expect(networkOf('2001:db8:aa:bc::1')).not.toBe(networkOf(spellings[0]!));
  });

  it.each([
    ['::ffff:192.0.2.10', '192.0.2.10'],
    ['::FFFF:192.0.2.10', '192.0.2.10'],
    ['::ffff:c000:20a', '192.0.2.10'],
    ['0:0:0:0:0:ffff:c000:020a', '192.0.2.10'],
    ['0000:0000:0000:0000:0000:FFFF:192.0.2.10', '192.0.2.10'],
    ['::ffff:0.0.0.0', '0.0.0.0'],
    ['::ffff:255.255.255.255', '255.255.255.255'],
  ])('keys the IPv4-mapped %s as the IPv4 address %s', (address, ipv4) => {
    expect(networkOf(address)).toBe(ipv4);
  });

  it('does not put different IPv4-mapped clients in one bucket', () => {
    expect(networkOf('::ffff:192.0.2.10')).not.toBe(networkOf('::ffff:192.0.2.11'));
    expect(networkOf('::ffff:192.0.2.10')).toBe(networkOf('192.0.2.10'));
  });

  const garbage = [
    '',
    ' ',
    'unknown',
    'not-an-ip',
    'localhost',
    '192.0.2',
    '192.0.2.1.5',
    '192.0.2.256',
    '192.0.2.-1',
    '192.0.2.1a',
    '0x7f.0.0.1',
    '010.0.0.1',
    '192.0.2.1%eth0',
    '1.2.3.4:8080',
    '[2001:db8::1]',
    '2001:db8::1::2',
    ':::',
    ':1::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '2001:db8:12345::1',
    '2001:db8:g::1',
    '2001:db8::192.0.2.1:1',
    '::192.0.2.256',
    '::ffff:192.0.2',
    '2001:db8:1:2::1/64',
    '%eth0',
    '\u00a0192.0.2.1\u00a0x',
    '１９２.０.２.１',
    'x'.repeat(10_000),
    ':'.repeat(10_000),
  ];

  it.each(garbage.map((g) => [JSON.stringify(g.length > 40 ? `${g.slice(0, 20)}…` : g), g]))(
    'puts the garbage %s in the one shared bucket, without throwing',
    (_, text) => {
      expect(networkOf(text)).toBe(networkOf('not-an-ip'));
    },
  );

  it('never gives garbage the key of a real address', () => {
    const key = networkOf('garbage');
    expect(key).not.toMatch(/^[\d.]+$|::|\/64$/);
  });
});
