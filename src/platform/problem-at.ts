// A problem found across a form's fields (one answer asking for another, say), reported at the
// field the person must change, with the message key it shows.
import type { z } from 'zod';

export function problemAt(ctx: z.RefinementCtx, field: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [field], message });
}
