import { describe, expect, it } from 'vitest';
import { timeStep } from '../domain/second-factor.js';
import { qrCodeSvg, totpCode, totpUri } from './totp.js';

// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890"), in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes', () => {
  it('are the codes RFC 6238 gives for SHA-1 (the last 6 of its 8 digits)', () => {
    // RFC 6238 appendix B: 59 s → 94287082, 1111111109 s → 07081804, 1234567890 s → 89005924.
    expect(totpCode(RFC_SECRET, timeStep(at(59)))).toBe('287082');
    expect(totpCode(RFC_SECRET, timeStep(at(1111111109)))).toBe('081804');
    expect(totpCode(RFC_SECRET, timeStep(at(1234567890)))).toBe('005924');
  });

  it('are set up in an app by an otpauth:// address naming the service and the account', () => {
    expect(totpUri(RFC_SECRET, 'jo@example.org', 'Waymark')).toBe(
      `otpauth://totp/Waymark:jo%40example.org?issuer=Waymark&secret=${RFC_SECRET}&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('draws the QR code as one named SVG image, escaping its name', () => {
    const svg = qrCodeSvg('otpauth://totp/x?secret=AAAA', 'QR code "<for>" you').toString();
    expect(svg).toMatch(
      /^<svg\s[^>]*role="img"\s+aria-label="QR code &quot;&lt;for&gt;&quot; you"/,
    );
    expect(svg).toMatch(/<path fill="#0b0c0c" d="(M\d+ \d+h1v1h-1z)+"\s*\/>\s*<\/svg>$/);
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });
});
