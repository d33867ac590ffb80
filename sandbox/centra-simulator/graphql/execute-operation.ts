import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { SimContext } from './context.js';
import { simFieldResolver, simTypeResolver } from './field-resolver.js';

export interface OperationRequest {
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** HTTP status and body for one parsed operation. */
export interface OperationResponse {
  status: number;
  body: ExecutionResult;
}

/**
 * Executes a document already validated against `schema` (validation errors are the caller's 400). A result with
 * errors and no data gives 400; anything else is 200 with `data` and per-field `errors` side by side [INF:
 * graphql-php's default, which Centra is likely to use].
 */
export async function executeOperation(schema: GraphQLSchema, request: OperationRequest, rootValue: unknown, ctx: SimContext): Promise<OperationResponse> {
  const result = await execute({
    schema,
    document: request.document,
    rootValue,
    contextValue: ctx,
    variableValues: request.variables ?? undefined,
    operationName: request.operationName ?? undefined,
    fieldResolver: simFieldResolver,
    typeResolver: simTypeResolver,
  });
  const failed = (result.data === null || result.data === undefined) && (result.errors?.length ?? 0) > 0;
  return { status: failed ? 400 : 200, body: result };
}
