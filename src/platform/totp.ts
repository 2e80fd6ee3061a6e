// TOTP codes and the set-up QR code, by two well-kept libraries: `otpauth` (RFC 4226/6238,
// the codes every authenticator app makes: SHA-1, 6 digits, 30 seconds) and `qrcode` (the
// otpauth:// address as an SVG drawn in the page, so nothing is fetched and it works without
// JavaScript). Which codes are accepted, and when, is the domain's rule (domain/second-factor.ts).
import { HOTP, Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '../domain/second-factor.js';
import { html, type Markup } from './markup.js';

/** A new secret, 160 bits (RFC 4226's recommended length), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code an authenticator app shows for this secret during this time step. */
export function totpCode(base32Secret: string, step: number): string {
  return HOTP.generate({
    secret: Secret.fromBase32(base32Secret),
    counter: step,
    digits: TOTP_DIGITS,
    algorithm: 'SHA1',
  });
}

/** The otpauth:// address an app reads from the QR code: issuer, the person's email, secret. */
export function totpUri(base32Secret: string, account: string, issuer: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(base32Secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

const QUIET_ZONE = 4;

/**
 * The QR code of an otpauth:// address as an SVG image drawn from the code's modules (numbers
 * only, built escaped like all markup), named for screen readers by `title`.
 */
export function qrCodeSvg(text: string, title: string): Markup {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const dark: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) dark.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    }
  }
  const size = modules.size + 2 * QUIET_ZONE;
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    role="img"
    aria-label="${title}"
    focusable="false"
    width="200"
    height="200"
    viewBox="0 0 ${size} ${size}"
    shape-rendering="crispEdges"
  >
    <rect width="${size}" height="${size}" fill="#ffffff" />
    <path fill="#0b0c0c" d="${dark.join('')}" />
  </svg>`;
}

/** The same QR code in a terminal, as blocks of characters (the demo's key, at start). */
export function terminalQrCode(text: string): string {
  let drawn = '';
  QRCode.toString(text, { type: 'terminal', small: true }, (error, out) => {
    if (!error) drawn = out;
  });
  return drawn;
}
