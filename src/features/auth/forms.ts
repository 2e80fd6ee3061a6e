import { z } from 'zod';
import { emailAddress, password } from '../../platform/forms.js';

export const signInForm = z.object({
  email: emailAddress('signIn.errors.emailRequired', 'signIn.errors.emailInvalid'),
  password: password('signIn.errors.passwordRequired'),
});

/** A new password typed twice must match: said only when every field is given. */
const typedTwiceTheSame = {
  path: ['confirmPassword'],
  error: 'passwords.errors.mismatch',
  when: ({ issues }: { issues: readonly unknown[] }) => issues.length === 0,
};

export const setPasswordForm = z
  .object({
    password: password('passwords.errors.required'),
    confirmPassword: password('passwords.errors.confirmRequired'),
  })
  .refine((form) => form.password === form.confirmPassword, typedTwiceTheSame);

export const changePasswordForm = z
  .object({
    currentPassword: password('passwords.errors.currentRequired'),
    newPassword: password('passwords.errors.required'),
    confirmPassword: password('passwords.errors.confirmRequired'),
  })
  .refine((form) => form.newPassword === form.confirmPassword, typedTwiceTheSame);

const BASE = 'http://waymark.invalid';

/**
 * Only a path on this site: never "//elsewhere", "https://elsewhere", "/\\elsewhere", and never
 * a path holding a control character, raw or percent-encoded ("/%09/elsewhere" becomes
 * "//elsewhere" in a browser that drops the tab, and CR/LF would split the Location header).
 * What comes back is the path as the URL parser re-encodes it.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  for (const candidate of [value, decoded]) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(candidate) || !/^\/(?!\/)/.test(candidate)) return '/';
  }
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return '/';
  const path = url.pathname + url.search;
  return path.startsWith('//') ? '/' : path;
}

/** A 6-digit code from an authenticator app ("123 456" is read as "123456"). */
export const codeForm = z.object({
  code: z.preprocess(
    (value) => (typeof value === 'string' ? value.replace(/[\s-]/g, '') : ''),
    z
      .string()
      .min(1, 'secondFactor.errors.codeRequired')
      .regex(/^\d{6}$/, 'secondFactor.errors.codeFormat'),
  ),
});

export const recoveryCodeForm = z.object({
  recoveryCode: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .min(1, 'secondFactor.errors.recoveryRequired')
      .max(40, 'secondFactor.errors.recoveryWrong'),
  ),
});

export const reauthenticateForm = z.object({
  password: password('signIn.errors.passwordRequired'),
  code: codeForm.shape.code,
});
