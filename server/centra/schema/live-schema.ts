import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { CentraClient } from '../centra-client.js';
import { missingFromAnswer } from '../classify-centra-error.js';

/** Introspection without descriptions: a smaller answer, and all a check needs. */
export const INTROSPECTION_QUERY = getIntrospectionQuery({ descriptions: false });

/** Centra's live schema, by one introspection request sent as written (never adapted). Throws RemoteError when refused. */
export async function fetchLiveSchema(client: CentraClient): Promise<{ schema: GraphQLSchema; introspection: IntrospectionQuery }> {
  const res = await client.request<IntrospectionQuery>(INTROSPECTION_QUERY, undefined, { adapt: false });
  if (!res.data?.__schema) throw missingFromAnswer('introspection result', res.errors, 'no __schema in the answer');
  return { schema: buildClientSchema(res.data), introspection: res.data };
}

/** A saved introspection result (`doctor --schema FILE`): `{ data: { __schema } }` or `{ __schema }`. */
export function schemaFromIntrospectionJson(json: unknown): GraphQLSchema {
  const body = json as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  const introspection = body.data?.__schema ? body.data : body.__schema ? (body as IntrospectionQuery) : undefined;
  if (!introspection) throw new Error('not an introspection result: expected { data: { __schema } } or { __schema }');
  return buildClientSchema(introspection);
}
