/** Ometria's limit for `url` and `image_url` (docs/design.md O7). */
const URL_MAX_LENGTH = 1024;

/**
 * [INF] The storefront serves a display at its store's base URL + the display's `uri` (Centra's uri is a slug).
 * A URL over Ometria's limit is left out rather than cut: a cut URL leads nowhere.
 */
export function storefrontUrl(baseUrl: string, uri: string | null | undefined): string | undefined {
  const slug = uri?.trim().replace(/^\/+/, '');
  if (!slug) return undefined;
  return boundedUrl(`${baseUrl.replace(/\/+$/, '')}/${slug}`);
}

export function boundedUrl(url: string | null | undefined): string | undefined {
  const trimmed = url?.trim();
  return trimmed && trimmed.length <= URL_MAX_LENGTH ? trimmed : undefined;
}
