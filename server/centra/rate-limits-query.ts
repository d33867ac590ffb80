/** Centra's own report of its request and complexity quotas (docs/design.md C5). */
export const RATE_LIMITS_QUERY = `query RateLimits { rateLimits { type intervalSeconds quota usedQuota remainingQuota } }`;
