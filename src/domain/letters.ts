// A letter of apology reaches the person harmed only after they were contacted about it and
// chose to receive it (Victims' Code: nothing is sent to a victim who has not agreed). The
// database's check constraint refuses anything else too; this is the rule every door asks.

export type RecipientDecision = 'receive' | 'decline' | 'not_yet';

export interface LetterState {
  recipientDecision: string | null;
  /** When the recipient was contacted about the letter, YYYY-MM-DD. */
  recipientContactedOn: string | null;
  deliveredOn: string | null;
}

export type LetterRefusal = 'already_delivered' | 'not_chosen' | 'delivered_before_choice';

/** Why the letter may not be released on `deliveredOn`, or null when it may. */
export function letterReleaseRefusal(
  letter: LetterState,
  deliveredOn: string,
): LetterRefusal | null {
  if (letter.deliveredOn) return 'already_delivered';
  if (letter.recipientDecision !== 'receive' || !letter.recipientContactedOn) return 'not_chosen';
  if (deliveredOn < letter.recipientContactedOn) return 'delivered_before_choice';
  return null;
}

/** A recipient's choice may be recorded (or changed) only until the letter is delivered. */
export function mayRecordDecision(letter: Pick<LetterState, 'deliveredOn'>): boolean {
  return !letter.deliveredOn;
}
