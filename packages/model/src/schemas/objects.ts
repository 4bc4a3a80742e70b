/** Object-schema constructors: every object in the model is closed (`additionalProperties: false`). */
import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';

/** A closed object titled like its OAS schema. */
export function closed<P extends TProperties>(title: string, properties: P): TObject<P> {
  return Type.Object(properties, { title, additionalProperties: false });
}

/**
 * A top-level request or response body: closed, titled, and with an `$id` (the OAS schema name, or
 * `folkeport.model.<title>` where OAS has none). Only bodies carry `$id`: Ajv rejects a schema in which the
 * same `$id` occurs twice, which would happen if shared sub-structures had one.
 */
export function body<P extends TProperties>($id: string, title: string, properties: P): TObject<P> {
  return Type.Object(properties, { $id, title, additionalProperties: false });
}

/** A body schema embedded in another body: the same schema without its `$id`, so that no `$id` occurs twice. */
export function embedded<T extends TSchema>(schema: T): T {
  const { $id: _id, ...copy } = schema;
  return copy as T;
}
