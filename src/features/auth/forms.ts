import { z } from 'zod';
import { emailAddress, password } from '../../platform/forms.js';

export const signInForm = z.object({
  email: emailAddress('signIn.errors.emailRequired', 'signIn.errors.emailInvalid'),
  password: password('signIn.errors.passwordRequired'),
});

export const setPasswordForm = z.object({
  password: password('passwords.errors.required'),
  confirmPassword: password('passwords.errors.confirmRequired'),
});

export const changePasswordForm = z.object({
  currentPassword: password('passwords.errors.currentRequired'),
  newPassword: password('passwords.errors.required'),
  confirmPassword: password('passwords.errors.confirmRequired'),
});

/** Only a path on this site: never "//elsewhere" or "https://elsewhere". */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
