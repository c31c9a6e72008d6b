// The index's JSON columns (a note's aliases, headings, external links, a task's tags …), typed by what they
// hold. The index writes them itself (write.ts), so a row's type names each column's content (`Json<string[]>`)
// and readJson is the one place that trusts it: no `JSON.parse(x) as T` scattered over the queries.
import * as v from 'valibot';

declare const holds: unique symbol;

/** A JSON text written from a T. */
export type Json<T> = string & { readonly [holds]?: T };

/** The value a JSON column holds. */
export function readJson<T>(text: Json<T>): T {
  return JSON.parse(text) as T;
}

/** A value as the JSON column that holds it. */
export function writeJson<T>(value: T): Json<T> {
  return JSON.stringify(value);
}

/** JSON written by another version or by hand (the user's state tables, app.json): read through its schema,
 *  undefined when it is not JSON or not of that shape. */
export function parseJsonWith<S extends v.GenericSchema>(schema: S, text: string): v.InferOutput<S> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(schema, data);
  return parsed.success ? parsed.output : undefined;
}
