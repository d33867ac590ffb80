import { DEFAULT_CONSENT_CONFIG, type ConsentConfig } from './consent-config.js';
import { DEFAULT_SEGMENTATION_CONFIG, type SegmentationConfig } from './segmentation-config.js';

/** Everything marketers and integrators tune about customers (docs/customers.md); parsed by parseCustomerConfig. */
export interface CustomerConfig {
  consent: ConsentConfig;
  /** Centra attribute key (`<type name>.<element key>`) → contact property name. */
  attributeMap: Record<string, string>;
  /** The Centra attribute key holding a date of birth; undefined = none. */
  dateOfBirthAttribute: string | undefined;
  segmentation: SegmentationConfig;
  /** Send `@force_optin: true` with opt-ins, overriding higher-priority sources in Ometria. */
  forceOptIn: boolean;
  /** Send `@force_optin: true` with opt-outs, so an unsubscribe in Centra always reaches Ometria. */
  forceOptOut: boolean;
}

export const CUSTOMER_CONFIG_DEFAULTS: CustomerConfig = {
  consent: DEFAULT_CONSENT_CONFIG,
  attributeMap: {},
  // [INF] No standard Centra attribute holds it; this common name is used when a client has one.
  dateOfBirthAttribute: 'date_of_birth.value',
  segmentation: DEFAULT_SEGMENTATION_CONFIG,
  forceOptIn: false,
  forceOptOut: true,
};
