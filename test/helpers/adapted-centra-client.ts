import { createCentraClient, type CentraClientOptions } from '../../server/centra/centra-client.js';
import { checkSchema } from '../../server/centra/schema/check-schema.js';
import { fetchLiveSchema } from '../../server/centra/schema/live-schema.js';
import { createSchemaAdapter } from '../../server/centra/schema/schema-adapter.js';

/** A Centra client as the service builds one: its documents adapted to the simulator's live schema (full or lean). */
export async function adaptedCentraClient(options: Omit<CentraClientOptions, 'adapter'>) {
  const adapter = createSchemaAdapter();
  const client = createCentraClient({ ...options, adapter });
  const { schema } = await fetchLiveSchema(client);
  adapter.adopt(schema, checkSchema(schema, 'live'));
  return client;
}
