// The people of the soak benchmark, in a process of their own so that they do not share the
// server's event loop: `node --import tsx bench/soak-users.ts '<json>'`. Each simulated user
// loops for the given time, choosing what to do as staff do: search for a case (40%), open one
// (40%), add a note to one (15%: the case page's form, with its CSRF token) or download the
// service report (5%). Prints one line of JSON: how many of each, how long they took, and every
// answer's status.

interface Job {
  base: string;
  seconds: number;
  users: number;
  /** One session cookie per user (staff who work on cases). */
  cookies: string[];
  /** A manager's session, for the report download. */
  managerCookie: string;
  caseIds: string[];
  terms: string[];
  exportPath: string;
}

type Kind = 'search' | 'view' | 'edit' | 'export';
const MIX: [Kind, number][] = [
  ['search', 0.4],
  ['view', 0.4],
  ['edit', 0.15],
  ['export', 0.05],
];

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const times: Record<Kind, number[]> = { search: [], view: [], edit: [], export: [] };
const statuses: Record<string, number> = {};
const failures: string[] = [];

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

function chooseKind(): Kind {
  let roll = Math.random();
  for (const [kind, share] of MIX) {
    if (roll < share) return kind;
    roll -= share;
  }
  return 'view';
}

/** A user's cookies, as a browser keeps them: the session, and what pages set (the CSRF secret). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  constructor(initial: string) {
    for (const pair of initial.split('; ')) this.set(pair);
  }
  private set(pair: string) {
    const at = pair.indexOf('=');
    if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) this.set(line.split(';')[0]!);
  }
  toString() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function request(path: string, jar: CookieJar, form?: URLSearchParams) {
  const response = await fetch(`${job.base}${path}`, {
    method: form ? 'POST' : 'GET',
    headers: {
      cookie: jar.toString(),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form?.toString(),
    redirect: 'manual',
  });
  jar.take(response);
  const body = await response.text();
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  const expected = form ? response.status === 302 : response.status === 200;
  if (!expected && failures.length < 20)
    failures.push(`${form ? 'POST' : 'GET'} ${path}: ${response.status}`);
  return body;
}

/** One thing a user does, timed from the first request to the last answer. */
async function act(kind: Kind, cookie: CookieJar, manager: CookieJar) {
  const started = performance.now();
  if (kind === 'search')
    await request(`/cases/all?term=${encodeURIComponent(pick(job.terms))}`, cookie);
  else if (kind === 'view') await request(`/cases/${pick(job.caseIds)}`, cookie);
  else if (kind === 'export') await request(job.exportPath, manager);
  else {
    const caseId = pick(job.caseIds);
    const page = await request(`/cases/${caseId}`, cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    await request(
      `/cases/${caseId}/notes`,
      cookie,
      new URLSearchParams({
        _csrf: csrf,
        body: 'Spoke to the person harmed; they want time to think.',
      }),
    );
  }
  times[kind].push(performance.now() - started);
}

async function user(session: string, until: number) {
  const cookie = new CookieJar(session);
  const manager = new CookieJar(job.managerCookie);
  while (Date.now() < until) {
    try {
      await act(chooseKind(), cookie, manager);
    } catch (error) {
      statuses.error = (statuses.error ?? 0) + 1;
      if (failures.length < 20) failures.push(String(error));
    }
  }
}

const until = Date.now() + job.seconds * 1000;
await Promise.all(
  Array.from({ length: job.users }, (_, i) => user(job.cookies[i % job.cookies.length]!, until)),
);

const summary = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
};
process.stdout.write(
  `${JSON.stringify({
    kinds: Object.fromEntries(Object.entries(times).map(([kind, list]) => [kind, summary(list)])),
    statuses,
    failures,
  })}\n`,
);
