// DuckDB side of the s3fake client compatibility suite
// (compat/duckdb_test.go): an independent reader of inventory data files.
//
// Usage: node duckdb_read.mjs FILE FORMAT COLUMNS_JSON
//        node duckdb_read.mjs --version
//
// FORMAT is CSV (a gzip-compressed CSV data file) or Parquet. COLUMNS_JSON
// is the table the Go test declares, in the file's column order, as Athena's
// DDL for S3 Inventory types it: [{"name": "size", "type": "BIGINT"}, ...],
// with DuckDB type names (VARCHAR, BOOLEAN, BIGINT, TIMESTAMP).
//
// CSV is read with read_csv as OpenCSVSerde reads it: no header, ',' and
// '"', nothing sniffed, the declared names and types, timestamps parsed
// from the reports' "2006-01-02T15:04:05.000Z" form, booleans only from
// "true" and "false". Parquet is read with
// read_parquet, which takes the names and types from the file itself; the
// script reports those ("parquetColumns") and then applies the declared
// types the way Athena's ParquetHiveSerDe would: a TIMESTAMP WITH TIME ZONE
// column declared TIMESTAMP is taken at UTC, one declared BIGINT (the DDL's
// object_lock_retain_until_date) is its epoch milliseconds.
//
// Prints one JSON object on stdout: {"version", "columns": [{name, type}]
// (of the final result), "parquetColumns" (Parquet only), "rows": [[...]]}.
// Values: null for SQL NULL, strings and booleans as themselves, BIGINT as
// a decimal string, TIMESTAMP as a decimal string of epoch microseconds.
// The Go test makes every assertion; this script only reports. --version
// prints {"version"} alone. If DuckDB is not installed (npm ci in compat/)
// the script prints {"missing": "..."} and exits 0.

import { createRequire } from "node:module";

let duckdb;
try {
  duckdb = await import("@duckdb/node-api");
} catch (err) {
  console.log(JSON.stringify({ missing: `@duckdb/node-api is not installed: ${err.message}` }));
  process.exit(0);
}
const { DuckDBInstance } = duckdb;
const version = createRequire(import.meta.url)("@duckdb/node-api/package.json").version;

if (process.argv[2] === "--version") {
  console.log(JSON.stringify({ version }));
  process.exit(0);
}
const [file, format, columnsJSON] = process.argv.slice(2);
const columns = JSON.parse(columnsJSON);

const ident = (name) => `"${name.replaceAll('"', '""')}"`;
const literal = (s) => `'${s.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
const conn = await instance.connect();
await conn.run("SET TimeZone = 'UTC'");

let sql;
let parquetColumns;
if (format === "CSV") {
  // DuckDB's BOOLEAN accepts yes/no, t/f and 1/0 too; reports write only
  // lower-case true and false, so booleans are read as text and only those
  // two are let through.
  const readType = (c) => (c.type === "BOOLEAN" ? "VARCHAR" : c.type);
  const struct = columns.map((c) => `${literal(c.name)}: ${literal(readType(c))}`).join(", ");
  const select = columns.map((c) => {
    const col = ident(c.name);
    if (c.type !== "BOOLEAN") {
      return col;
    }
    return `CASE WHEN ${col} IS NULL THEN NULL WHEN ${col} = 'true' THEN true WHEN ${col} = 'false' THEN false
      ELSE error(${literal(c.name + " is not true or false: ")} || ${col}) END AS ${col}`;
  });
  sql = `SELECT ${select.join(", ")} FROM read_csv(${literal(file)},
    compression = 'gzip', header = false, delim = ',', quote = '"', escape = '"',
    auto_detect = false, strict_mode = true, null_padding = false,
    timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ',
    columns = {${struct}})`;
} else if (format === "Parquet") {
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(file)})`);
  parquetColumns = described.getRowObjectsJS().map((r) => ({ name: r.column_name, type: r.column_type }));
  const native = new Map(parquetColumns.map((c) => [c.name, c.type]));
  const select = columns.map((c) => {
    const col = ident(c.name);
    const from = native.get(c.name);
    if (from === undefined) {
      return `NULL::${c.type} AS ${col}`; // the Go test reports the missing column
    }
    if (from === c.type) {
      return col;
    }
    if (from.startsWith("TIMESTAMP") && c.type === "BIGINT") {
      return `epoch_ms(${col}) AS ${col}`;
    }
    if (from === "TIMESTAMP WITH TIME ZONE" && c.type === "TIMESTAMP") {
      return `timezone('UTC', ${col}) AS ${col}`;
    }
    return `CAST(${col} AS ${c.type}) AS ${col}`;
  });
  sql = `SELECT ${select.join(", ")} FROM read_parquet(${literal(file)})`;
} else {
  throw new Error(`unknown format ${format}`);
}

const result = await conn.runAndReadAll(sql);
const types = result.columnTypes().map(String);
const encode = (v, type) => {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (type.startsWith("TIMESTAMP")) return v.micros.toString();
  throw new Error(`no encoding for ${type} value ${v}`);
};
const rows = result.getRows().map((row) => row.map((v, i) => encode(v, types[i])));

console.log(JSON.stringify({
  version,
  columns: result.columnNames().map((name, i) => ({ name, type: types[i] })),
  parquetColumns,
  rows,
}));
conn.closeSync();
instance.closeSync();
