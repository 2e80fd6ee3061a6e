// The template check (run by `npm run lint` and `npm test`, see scripts/check-templates.ts):
// GOV.UK and MoJ macros print an `html` parameter (and `titleHtml`, `summaryHtml`...) as it is,
// and `| safe` prints a value as it is, so each must be given only markup built escaped:
//   - a `markup.*(...)` call (src/platform/markup.ts), which escapes every value it is given;
//   - a `{% set name %}...{% endset %}` block, whose `{{ }}` Nunjucks escapes (or a variable set
//     to one of these);
//   - a value the code built with markup.ts, named `html` or `...Html` (eslint.config.js holds the
//     TypeScript side to that);
//   - a string literal, which holds no data.
// Anything else, above all a value joined to markup with `+` or `~`, is refused. `| safe` is
// allowed only on the few values listed in SAFE_ALLOWED, each with the reason it is safe.
import nunjucks from 'nunjucks';
import { MARKUP_HELPERS } from './markup.js';

export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

/** The values `| safe` may print, by template (relative to src/), with why each is safe. */
export const SAFE_ALLOWED: readonly { file: string; expression: string; why: string }[] = [
  {
    file: 'platform/views/partials/chart.njk',
    expression: 'chart.json',
    why: 'presentChart (charts.ts) writes JSON with every "<" escaped, inside a JSON script block',
  },
  {
    file: 'features/reports/views/table.njk',
    expression: 'table.chart.json',
    why: 'presentReport builds it with presentChart (charts.ts): JSON with every "<" escaped, inside a JSON script block',
  },
];

interface Node {
  typename: string;
  lineno: number;
  colno: number;
  fields: string[];
  [field: string]: unknown;
}

const parser = (nunjucks as unknown as { parser: { parse(source: string): Node } }).parser;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).typename === 'string';

/** Every node under (and including) this one. */
function* walk(node: Node): Generator<Node> {
  yield node;
  const fields =
    node.body !== undefined && !node.fields.includes('body')
      ? [...node.fields, 'body']
      : node.fields;
  for (const field of fields) {
    const value = node[field];
    for (const child of Array.isArray(value) ? value : [value])
      if (isNode(child)) yield* walk(child);
  }
}

const child = (node: Node, field: string) => node[field] as Node;
const children = (node: Node) => (node.children as Node[] | undefined) ?? [];

/** An expression written back as template source, for messages and the allow-list. */
export function print(node: Node | null | undefined): string {
  if (!node) return '';
  switch (node.typename) {
    case 'Symbol':
      return String(node.value);
    case 'Literal':
      return JSON.stringify(node.value);
    case 'LookupVal': {
      const key = child(node, 'val');
      return key.typename === 'Literal' && typeof key.value === 'string'
        ? `${print(child(node, 'target'))}.${key.value}`
        : `${print(child(node, 'target'))}[${print(key)}]`;
    }
    case 'FunCall':
      return `${print(child(node, 'name'))}(${children(child(node, 'args')).map(print).join(', ')})`;
    case 'Filter': {
      const [value, ...args] = children(child(node, 'args'));
      const name = print(child(node, 'name'));
      return `${print(value)} | ${name}${args.length ? `(${args.map(print).join(', ')})` : ''}`;
    }
    case 'Add':
      return `${print(child(node, 'left'))} + ${print(child(node, 'right'))}`;
    case 'Concat':
      return `${print(child(node, 'left'))} ~ ${print(child(node, 'right'))}`;
    case 'InlineIf':
      return `${print(child(node, 'body'))} if ${print(child(node, 'cond'))}${node.else_ ? ` else ${print(child(node, 'else_'))}` : ''}`;
    case 'Group':
      return `(${children(node).map(print).join(', ')})`;
    default:
      return node.typename;
  }
}

const markupName = (name: string) => name === 'html' || /Html$/.test(name);

function keyName(pair: Node): string | undefined {
  const key = child(pair, 'key');
  return key.typename === 'Symbol' || key.typename === 'Literal' ? String(key.value) : undefined;
}

function isMarkupCall(node: Node): boolean {
  const name = child(node, 'name');
  if (name.typename !== 'LookupVal') return false;
  const target = child(name, 'target');
  const key = child(name, 'val');
  return (
    target.typename === 'Symbol' &&
    target.value === 'markup' &&
    key.typename === 'Literal' &&
    MARKUP_HELPERS.includes(String(key.value))
  );
}

const ADVICE =
  'use `text`, a `markup.*` helper (src/platform/markup.ts) or a {% set %}...{% endset %} block';

interface Context {
  /** Each variable's `{% set %}` statements in the template. */
  sets: Map<string, Node[]>;
}

/** Why an `html` value is not built escaped, or undefined when it is. */
function unsafeBecause(node: Node | null, context: Context, seen: Set<string>): string | undefined {
  if (!node) return undefined;
  switch (node.typename) {
    case 'Literal':
      return undefined;
    case 'FunCall':
      return isMarkupCall(node) ? undefined : `\`${print(node)}\` is not a markup.* helper`;
    case 'InlineIf':
      return (
        unsafeBecause(child(node, 'body'), context, seen) ??
        unsafeBecause(child(node, 'else_'), context, seen)
      );
    case 'LookupVal': {
      const key = child(node, 'val');
      return key.typename === 'Literal' && markupName(String(key.value))
        ? undefined
        : `\`${print(node)}\` is not markup built escaped (name a value built with markup.ts \`...Html\`)`;
    }
    case 'Symbol': {
      const name = String(node.value);
      const sets = context.sets.get(name);
      if (!sets) {
        return markupName(name)
          ? undefined
          : `\`${name}\` is not built in this template (name a value built with markup.ts \`...Html\`)`;
      }
      if (seen.has(name)) return undefined;
      seen.add(name);
      for (const set of sets) {
        if (set.body) continue; // {% set x %}...{% endset %}: Nunjucks escapes its {{ }}
        const why = unsafeBecause(child(set, 'value'), context, seen);
        if (why)
          return `\`${name}\` is set to \`${print(child(set, 'value'))}\` on line ${set.lineno + 1}, and ${why}`;
      }
      return undefined;
    }
    case 'Add':
    case 'Concat':
      return `\`${print(node)}\` joins values to markup by hand`;
    default:
      return `\`${print(node)}\` is not markup built escaped`;
  }
}

function setsByName(root: Node): Map<string, Node[]> {
  const sets = new Map<string, Node[]>();
  for (const node of walk(root)) {
    if (node.typename !== 'Set') continue;
    for (const target of node.targets as Node[]) {
      const name = String(target.value);
      sets.set(name, [...(sets.get(name) ?? []), node]);
    }
  }
  return sets;
}

/** Problems in one template; `file` is its path under src/ (for the `| safe` allow-list). */
export function checkTemplate(source: string, file: string): TemplateProblem[] {
  let root: Node;
  try {
    root = parser.parse(source);
  } catch (error) {
    return [{ line: 1, column: 1, message: `cannot be read: ${(error as Error).message}` }];
  }
  const context: Context = { sets: setsByName(root) };
  const problems: TemplateProblem[] = [];
  const report = (node: Node, message: string) =>
    problems.push({ line: node.lineno + 1, column: node.colno + 1, message });

  for (const set of context.sets.get('markup') ?? [])
    report(set, '`markup` names the escaping helpers (markup.ts): a template may not set it');
  for (const node of walk(root)) {
    if (node.typename === 'Pair') {
      const name = keyName(node);
      if (!name || !markupName(name)) continue;
      const why = unsafeBecause(child(node, 'value'), context, new Set());
      if (why) report(node, `\`${name}:\` is given markup not built escaped: ${why}; ${ADVICE}`);
    } else if (node.typename === 'Filter' && print(child(node, 'name')) === 'safe') {
      const expression = print(children(child(node, 'args'))[0]);
      const allowed = SAFE_ALLOWED.some((a) => a.file === file && a.expression === expression);
      if (!allowed)
        report(
          node,
          `\`${expression} | safe\` prints a value unescaped: ${ADVICE} (SAFE_ALLOWED in src/platform/template-check.ts lists the exceptions)`,
        );
    }
  }
  return problems;
}
