// Safe-contact instructions, enforced. A message left for someone who said "no messages", or a
// letter to someone who said "not by letter", can tell the person who harmed them (or whoever
// shares their home) that they are in touch with the service: the RJC's Safety principle. Every
// door that records a contact, an offer, a letter or an email to a participant asks this rule;
// the practitioner may go ahead only by recording why it was safe.

/** How a communication reaches someone: the contact log's methods, and an update's. */
export const COMMUNICATION_METHODS = [
  'phone',
  'text',
  'email',
  'letter',
  'in_person',
  'video',
  'prison_visit',
] as const;
export type CommunicationMethod = (typeof COMMUNICATION_METHODS)[number];

export interface SafeContactInstructions {
  /** A number that is safe to call: an instruction about another phone leaves calls to it. */
  safePhone?: string | null;
  /** "May we leave a message?": false is "no messages". */
  mayLeaveMessage: boolean | null;
  preferredContact: string | null;
  /** "Do not contact via": the person's own words, quoted back when they are broken. */
  doNotContactVia: string | null;
}

export interface Communication {
  method: CommunicationMethod;
  /** A message was left (voicemail, with someone else, a note through the door). */
  leftMessage: boolean;
}

export type Breach =
  | { instruction: 'no_messages' }
  | { instruction: 'messages_not_agreed' }
  | { instruction: 'not_via'; method: CommunicationMethod; quote: string };

// The words that name each way of reaching someone in a "do not contact via" instruction.
const METHOD_WORDS: Record<CommunicationMethod, RegExp> = {
  letter: /\b(letters?|post|posted|postal|by mail|written)\b/i,
  phone: /\b(phones?|phone calls?|calls?|calling|telephone|ring)\b/i,
  text: /\b(texts?|text messages?|sms)\b/i,
  email: /\b(e-?mails?)\b/i,
  in_person: /\b(visits?|visiting|in person|doorstep|door|knock)\b/i,
  video: /\b(video)\b/i,
  prison_visit: /\b(prison visits?)\b/i,
};
const MESSAGE_WORDS = /\b(messages?|voicemails?|answerphone|answer phone)\b/i;
// "phone only", "only by email": a method named as the only one allowed is not excluded.
const ONLY = (word: string) =>
  new RegExp(`\\bonly\\s+(by\\s+|via\\s+)?${word}|${word}\\s+only\\b`, 'i');

// "home phone", "work phone": one number, not every phone, when a safe number is recorded.
const ONE_PHONE = /\b(home|work|house|landline|partner's|his|her|their)\s+(tele)?phone\b/i;

/**
 * The methods a "do not contact via" instruction names (and does not allow "only"). An
 * instruction about one phone ("home phone") leaves calls to a recorded safe number alone.
 */
export function methodsExcludedBy(
  text: string | null,
  safePhone: string | null = null,
): CommunicationMethod[] {
  if (!text) return [];
  // Each part on its own ("; " joins what was said at different times, combinedNotVia): an
  // "only" or a "home phone" in one part does not lift what another part rules out.
  const parts = text.split(';');
  return (Object.keys(METHOD_WORDS) as CommunicationMethod[]).filter((method) =>
    parts.some((part) => partExcludes(part, method, safePhone)),
  );
}

function partExcludes(part: string, method: CommunicationMethod, safePhone: string | null) {
  const match = METHOD_WORDS[method].exec(part);
  if (match === null || ONLY(match[0]).test(part)) return false;
  return !(method === 'phone' && safePhone && ONE_PHONE.test(part));
}

/**
 * A person's "do not contact via" from a new referral and what the service already held: both
 * stand, the newer first. A new referral that names one way ("not by email") does not lift an
 * older instruction that named another ("not by letter"); a practitioner removes what no longer
 * holds, on the person's page.
 */
export function combinedNotVia(
  newer: string | null | undefined,
  older: string | null | undefined,
): string | null {
  const latest = newer?.trim() || null;
  const earlier = older?.trim() || null;
  if (!latest || !earlier) return latest ?? earlier;
  if (latest.toLowerCase().includes(earlier.toLowerCase())) return latest;
  if (earlier.toLowerCase().includes(latest.toLowerCase())) return earlier;
  return `${latest}; ${earlier}`;
}

/** Whether the instructions rule out messages: "no" to messages, or "messages" named. */
export function noMessages(instructions: SafeContactInstructions): boolean {
  return (
    instructions.mayLeaveMessage === false ||
    (instructions.doNotContactVia !== null && MESSAGE_WORDS.test(instructions.doNotContactVia))
  );
}

/** Every instruction the communication would break. */
export function safeContactBreaches(
  instructions: SafeContactInstructions,
  communication: Communication,
): Breach[] {
  const breaches: Breach[] = [];
  // A text is a message on the phone for anyone who said "no messages", unless they asked for
  // texts.
  const isMessage =
    communication.leftMessage ||
    (communication.method === 'text' && instructions.preferredContact !== 'text');
  if (isMessage && noMessages(instructions)) breaches.push({ instruction: 'no_messages' });
  // Not asked, or not answered: the service tells its staff "do not leave a message" (a message
  // can tell whoever hears it that the person is in touch with the service), so it holds here too.
  else if (isMessage && instructions.mayLeaveMessage === null)
    breaches.push({ instruction: 'messages_not_agreed' });
  const excluded = methodsExcludedBy(instructions.doNotContactVia, instructions.safePhone ?? null);
  if (excluded.includes(communication.method)) {
    breaches.push({
      instruction: 'not_via',
      method: communication.method,
      quote: instructions.doNotContactVia!.trim(),
    });
  }
  return breaches;
}

export type SafeContactDecision =
  { allowed: true; overridden: Breach[] } | { allowed: false; breaches: Breach[] };

/**
 * Allowed when no instruction is broken, or when the practitioner recorded why it was safe
 * (the override, kept with the record and on the timeline).
 */
export function safeContactDecision(
  instructions: SafeContactInstructions,
  communication: Communication,
  whySafe: string | undefined,
): SafeContactDecision {
  const breaches = safeContactBreaches(instructions, communication);
  if (breaches.length === 0) return { allowed: true, overridden: [] };
  if (whySafe && whySafe.trim() !== '') return { allowed: true, overridden: breaches };
  return { allowed: false, breaches };
}
