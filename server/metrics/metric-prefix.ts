/** Every series this service names starts with this (docs/operations.md, "Metrics"); process_* and nodejs_* are prom-client's. */
export const METRIC_PREFIX = 'centra_ometria_';
