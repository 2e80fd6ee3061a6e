// The Kysely row types of src/db/schema.ts as data, read with the TypeScript compiler: for each
// table of the DB interface, each column's kind as read (string, number, boolean, date, json,
// array:<kind>), whether it may be null, and whether an insert may leave it out (Generated).
import path from 'node:path';
import ts from 'typescript';
import { repoDir } from '../../src/platform/paths.js';

export interface RowColumn {
  /** What a select returns: string, number, boolean, date, json or array:<kind>. */
  kind: string;
  nullable: boolean;
  /** An insert may leave it out (Generated<T>, or a ColumnType whose insert type allows undefined). */
  generated: boolean;
}

export type RowTypes = Record<string, Record<string, RowColumn>>;

const SCHEMA_FILE = path.join(repoDir, 'src', 'db', 'schema.ts');

function compilerOptions(): ts.CompilerOptions {
  const file = path.join(repoDir, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  // Only the schema and what it imports: no ambient types are needed to read it.
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, repoDir).options, types: [] };
}

export function readRowTypes(): RowTypes {
  const program = ts.createProgram([SCHEMA_FILE], compilerOptions());
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  const db = source?.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'DB',
  );
  if (!db) throw new Error(`No DB interface in ${SCHEMA_FILE}`);

  const parts = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]);
  const has = (types: ts.Type[], flag: ts.TypeFlags) => types.some((t) => t.flags & flag);

  function kindOf(type: ts.Type): string {
    if (type.flags & ts.TypeFlags.StringLike) return 'string';
    if (type.flags & ts.TypeFlags.NumberLike) return 'number';
    if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
    if (checker.isArrayType(type))
      return `array:${kindsOf(parts(checker.getTypeArguments(type as ts.TypeReference)[0]!))}`;
    if (type.getSymbol()?.getName() === 'Date') return 'date';
    if (type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'json';
    return checker.typeToString(type);
  }

  function kindsOf(types: ts.Type[]): string {
    const kinds = new Set(
      types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))).map(kindOf),
    );
    return [...kinds].sort().join(' | ');
  }

  /** A column's select and insert types, seeing through Kysely's ColumnType and Generated. */
  function column(symbol: ts.Symbol): RowColumn {
    const select: ts.Type[] = [];
    const insert: ts.Type[] = [];
    for (const member of parts(checker.getTypeOfSymbol(symbol))) {
      const selected = member.getProperty('__select__');
      const inserted = member.getProperty('__insert__');
      if (selected && inserted) {
        select.push(...parts(checker.getTypeOfSymbol(selected)));
        insert.push(...parts(checker.getTypeOfSymbol(inserted)));
      } else {
        select.push(member);
        insert.push(member);
      }
    }
    return {
      kind: kindsOf(select),
      nullable: has(select, ts.TypeFlags.Null),
      generated:
        has(insert, ts.TypeFlags.Undefined) || (symbol.flags & ts.SymbolFlags.Optional) !== 0,
    };
  }

  const tables: RowTypes = {};
  for (const table of checker.getTypeAtLocation(db).getProperties()) {
    tables[table.name] = Object.fromEntries(
      checker
        .getTypeOfSymbol(table)
        .getProperties()
        .map((symbol) => [symbol.name, column(symbol)]),
    );
  }
  return tables;
}

/** A column as information_schema describes it. */
export interface DatabaseColumn {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
}

/** Every column of every table in the public schema, in order. */
export const DATABASE_COLUMNS = `
  select c.table_name, c.column_name, c.udt_name, c.is_nullable, c.column_default, c.is_identity
  from information_schema.columns c
  join information_schema.tables t
    on t.table_schema = c.table_schema and t.table_name = c.table_name
  where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
  order by c.table_name, c.ordinal_position`;

/**
 * What each PostgreSQL type reads as through our drivers (both set int8 and numeric to parse
 * as numbers, and date to stay a 'YYYY-MM-DD' string: src/db/connect.ts, pglite-worker.mjs).
 */
const READ_AS: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  varchar: 'string',
  date: 'string',
  timestamptz: 'date',
  bool: 'boolean',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  numeric: 'number',
  jsonb: 'json',
  _text: 'array:string',
  _uuid: 'array:string',
};

/** Every difference between the row types and the database, in words; none when they agree. */
export function rowTypeDrift(types: RowTypes, columns: DatabaseColumn[]): string[] {
  const drift: string[] = [];
  const tables = new Set(columns.map((c) => c.table_name));
  for (const table of Object.keys(types))
    if (!tables.has(table)) drift.push(`${table}: in the row types, not in the database`);
  for (const table of tables)
    if (!types[table]) drift.push(`${table}: in the database, not in the row types`);

  const seen = new Set<string>();
  for (const c of columns) {
    const name = `${c.table_name}.${c.column_name}`;
    seen.add(name);
    const typed = types[c.table_name]?.[c.column_name];
    if (!types[c.table_name]) continue;
    if (!typed) {
      drift.push(`${name}: in the database, not in the row types`);
      continue;
    }
    const readAs = READ_AS[c.udt_name];
    if (!readAs) drift.push(`${name}: ${c.udt_name} is a type this check does not know yet`);
    else if (typed.kind !== readAs && !(readAs === 'json' && typed.kind.startsWith('array:')))
      drift.push(`${name}: ${c.udt_name} reads as ${readAs}, the row type says ${typed.kind}`);
    const nullable = c.is_nullable === 'YES';
    if (nullable !== typed.nullable)
      drift.push(
        `${name}: ${nullable ? 'nullable' : 'not null'} in the database, ${typed.nullable ? 'nullable' : 'not null'} in the row type`,
      );
    if (typed.generated && c.column_default === null && c.is_identity !== 'YES')
      drift.push(`${name}: Generated in the row type, but the database has no default for it`);
  }
  for (const [table, typedColumns] of Object.entries(types))
    for (const column of Object.keys(typedColumns))
      if (tables.has(table) && !seen.has(`${table}.${column}`))
        drift.push(`${table}.${column}: in the row types, not in the database`);
  return drift;
}
