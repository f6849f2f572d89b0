import type { Column, ColumnType, Table } from './tables.js'
import type { Insert } from './warehouseStore.js'

/** A database whose tables trackplan makes: `duckdb`, `postgres` or `clickhouse`. */
export type Dialect = 'duckdb' | 'postgres' | 'clickhouse'

interface DialectRules {
  types: Record<ColumnType, string>
  quote(name: string): string
  /** A column's full type, where nullability is part of the type (ClickHouse). */
  columnType(column: Column): string
  createTable(table: Table): string
  addColumn(table: Table, column: Column): string
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Rules shared by PostgreSQL and DuckDB: a primary key makes `ON CONFLICT DO NOTHING` exactly once. */
const keyed = (types: Record<ColumnType, string>): DialectRules => {
  const rules: DialectRules = {
    types,
    quote: doubleQuoted,
    columnType: (column) => types[column.type] + (column.required ? ' NOT NULL' : ''),
    createTable: (table) =>
      `CREATE TABLE IF NOT EXISTS ${doubleQuoted(table.name)} (\n${table.columns.map((column) => `  ${doubleQuoted(column.name)} ${rules.columnType(column)}`).join(',\n')},\n  PRIMARY KEY (${doubleQuoted(table.columns[0]!.name)})\n)`,
    addColumn: (table, column) => `ALTER TABLE ${doubleQuoted(table.name)} ADD COLUMN ${doubleQuoted(column.name)} ${types[column.type]}`,
  }
  return rules
}

const clickhouseTypes: Record<ColumnType, string> = { text: 'String', double: 'Float64', boolean: 'UInt8', json: 'String', timestamp: "DateTime('UTC')" }
const backQuoted = (name: string): string => `\`${name.replace(/`/g, '\\`')}\``
const clickhouseColumn = (column: Column): string => (column.required ? clickhouseTypes[column.type] : `Nullable(${clickhouseTypes[column.type]})`)

/**
 * How each database names the types and writes the DDL. ClickHouse 18.16 (the oldest tested) has no
 * JSON, Bool or DateTime64 type: JSON is kept as a String, booleans as UInt8, times to the second.
 */
export const dialects: Record<Dialect, DialectRules> = {
  postgres: keyed({ text: 'text', double: 'double precision', boolean: 'boolean', json: 'jsonb', timestamp: 'timestamptz' }),
  duckdb: keyed({ text: 'VARCHAR', double: 'DOUBLE', boolean: 'BOOLEAN', json: 'JSON', timestamp: 'TIMESTAMPTZ' }),
  clickhouse: {
    types: clickhouseTypes,
    quote: backQuoted,
    columnType: clickhouseColumn,
    // ReplacingMergeTree keeps one row per id once parts merge; reads that must count once use FINAL.
    createTable: (table) =>
      `CREATE TABLE IF NOT EXISTS ${backQuoted(table.name)} (\n${table.columns.map((column) => `  ${backQuoted(column.name)} ${clickhouseColumn(column)}`).join(',\n')}\n) ENGINE = ReplacingMergeTree()${
        table.columns.some(({ name }) => name === 'received_at') ? ' PARTITION BY toYYYYMM(received_at)' : ''
      } ORDER BY ${backQuoted(table.columns[0]!.name)}`,
    addColumn: (table, column) => `ALTER TABLE ${backQuoted(table.name)} ADD COLUMN ${backQuoted(column.name)} ${clickhouseColumn(column)}`,
  },
}

/** The dialect's type name for a column as the database reports it back, to compare with what exists. */
export function sameType(dialect: Dialect, column: Column, reported: string): boolean {
  const want = dialect === 'clickhouse' ? dialects.clickhouse.columnType(column) : dialects[dialect].types[column.type]
  const normal = (type: string): string =>
    type
      .toLowerCase()
      .replace(/\s+not null$/, '')
      .replace('timestamp with time zone', 'timestamptz')
      .replace(/^nullable\((.*)\)$/, '$1')
      .replace(/\s+/g, '')
  return normal(want) === normal(reported)
}

/**
 * What PostgreSQL and DuckDB do with a row whose key exists: keep the first (an event sent twice is
 * stored once) or, for `replace`, take the new values; and the ids added, for `returning`.
 */
export function onConflict({ columns, replace, returning }: Insert): string {
  const quote = doubleQuoted
  const key = quote(columns[0]!.name)
  const action = replace ? `DO UPDATE SET ${columns.slice(1).map(({ name }) => `${quote(name)} = EXCLUDED.${quote(name)}`).join(', ')}` : 'DO NOTHING'
  return `ON CONFLICT (${key}) ${action}${returning ? ` RETURNING ${key}` : ''}`
}
