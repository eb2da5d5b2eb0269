import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustedProxiesFrom } from '../src/lib/client-address.ts';

describe('the address the sign-in limit counts', () => {
  it('is the connection itself unless proxies are trusted, whatever the header says', () => {
    expect(clientAddressOf('10.0.0.5', null, 0)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '203.0.113.9', 0)).toBe('10.0.0.5');
  });

  it('behind one balancer, is the address the balancer saw, not what the client wrote before it', () => {
    expect(clientAddressOf('10.0.0.5', '203.0.113.9', 1)).toBe('203.0.113.9');
    // A client that sends its own header gets the balancer's entry appended after it: the forged entry is ignored.
    expect(clientAddressOf('10.0.0.5', '198.51.100.1, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.5', '1.1.1.1,2.2.2.2, 203.0.113.9', 1)).toBe('203.0.113.9');
  });

  it('behind two proxies, steps back two entries', () => {
    expect(clientAddressOf('10.0.0.5', '198.51.100.1, 203.0.113.9, 10.0.0.4', 2)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.5', '2001:db8::7, 10.0.0.4', 2)).toBe('2001:db8::7');
  });

  it('stops at an entry that is not an address, and falls back to the peer with no header', () => {
    expect(clientAddressOf('10.0.0.5', 'unknown, 10.0.0.4', 2)).toBe('10.0.0.4');
    expect(clientAddressOf('10.0.0.5', 'not-an-address', 1)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', null, 1)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '203.0.113.9', 3)).toBe('203.0.113.9');
  });

  it('reads the setting as a small whole number and says what is wrong otherwise', () => {
    expect(trustedProxiesFrom(undefined)).toBe(0);
    expect(trustedProxiesFrom('')).toBe(0);
    expect(trustedProxiesFrom('2')).toBe(2);
    expect(() => trustedProxiesFrom('yes')).toThrow(
      /ATTESTATION_TRUSTED_PROXIES must be a whole number from 0 to 10.*'yes'/,
    );
    expect(() => trustedProxiesFrom('-1')).toThrow(/ATTESTATION_TRUSTED_PROXIES/);
    expect(() => trustedProxiesFrom('1.5')).toThrow(/ATTESTATION_TRUSTED_PROXIES/);
  });
});
