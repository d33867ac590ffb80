import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/load-config.js';

const production = {
  CENTRA_API_URL: 'https://shop.centra.com/graphql',
  CENTRA_API_TOKEN: 'token',
  CENTRA_WEBHOOK_SECRET: 'secret',
  OMETRIA_API_KEY: 'key',
};

describe('loadConfig', () => {
  it('starts the sandbox on 127.0.0.1 with no credentials, with documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      HOST: '127.0.0.1',
      PORT: 8080,
      CENTRA_SIGNATURE_TOLERANCE_SECONDS: 900,
      OMETRIA_API_URL: 'https://api.ometria.com/v2',
      OMETRIA_PUSH_RATE: 4,
      CENTRA_BATCH_SIZE: 50,
      WORKER_ENABLED: true,
    });
  });

  it('runs for real on 0.0.0.0 with both credentials', () => {
    expect(loadConfig(production)).toMatchObject({ mode: 'production', HOST: '0.0.0.0' });
  });

  it('refuses one credential alone and names what is missing', () => {
    expect(() => loadConfig({ OMETRIA_API_KEY: 'key' })).toThrow(/CENTRA_API_URL/);
    expect(() => loadConfig({ ...production, CENTRA_WEBHOOK_SECRET: undefined })).toThrow(/CENTRA_WEBHOOK_SECRET/);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['CENTRA_API_URL', 'not a url', /CENTRA_API_URL/],
    ['OMETRIA_STORE_MAP', '{"1": 5}', /OMETRIA_STORE_MAP: must be a JSON object/],
    ['WORKER_ENABLED', 'maybe', /WORKER_ENABLED/],
    ['ADMIN_TOKEN', 'short', /ADMIN_TOKEN: must be at least 16/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN: must be at least 16/],
    ['CENTRA_SIM_SCHEMA', 'thin', /CENTRA_SIM_SCHEMA/],
  ])('stops on a bad %s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ ...production, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, [name]: value })).toThrow(message);
  });

  it('parses the store map and allowed origins', () => {
    const config = loadConfig({
      ...production,
      OMETRIA_STORE_MAP: '{"1":"example.com/uk","*":"example.com"}',
      TRACKER_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.OMETRIA_STORE_MAP).toEqual({ '1': 'example.com/uk', '*': 'example.com' });
    expect(config.TRACKER_ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });
});
