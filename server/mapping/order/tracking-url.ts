/**
 * Carrier name → tracking URL template, `{tracking}` standing for the URL-encoded tracking number.
 * Matching is on the lower-cased carrier name containing the key ("DHL Express" matches "dhl"); the longest key
 * wins. CARRIER_TRACKING_URLS adds or overrides entries. [INF] Public tracking pages as of 2024.
 */
export const DEFAULT_CARRIER_URLS: Readonly<Record<string, string>> = {
  dhl: 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={tracking}',
  'dhl freight': 'https://www.dhl.com/global-en/home/tracking/tracking-freight.html?tracking-id={tracking}',
  ups: 'https://www.ups.com/track?tracknum={tracking}',
  fedex: 'https://www.fedex.com/fedextrack/?trknbr={tracking}',
  usps: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={tracking}',
  postnord: 'https://www.postnord.se/en/our-tools/track-and-trace?shipmentId={tracking}',
  'royal mail': 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}',
  dpd: 'https://track.dpd.co.uk/search?reference={tracking}',
  gls: 'https://gls-group.com/track/{tracking}',
  bring: 'https://tracking.bring.com/tracking/{tracking}',
  budbee: 'https://tracking.budbee.com/{tracking}',
  evri: 'https://www.evri.com/track/parcel/{tracking}',
  parcelforce: 'https://www.parcelforce.com/track-trace?trackNumber={tracking}',
};

export type TrackingUrlFor = (carrier: string | undefined, trackingNumber: string | undefined) => string | undefined;

/** Unknown carriers give no URL: the order keeps the number and carrier name (issue 3). */
export function trackingUrlBuilder(templates: Readonly<Record<string, string>>): TrackingUrlFor {
  const keys = Object.keys(templates)
    .map((k) => k.toLowerCase())
    .sort((a, b) => b.length - a.length);
  const byKey = Object.fromEntries(Object.entries(templates).map(([k, v]) => [k.toLowerCase(), v]));
  return (carrier, trackingNumber) => {
    if (!carrier || !trackingNumber) return undefined;
    const name = carrier.toLowerCase();
    const key = keys.find((k) => name.includes(k));
    return key ? byKey[key]!.replace('{tracking}', encodeURIComponent(trackingNumber.trim())) : undefined;
  };
}

export const defaultTrackingUrl: TrackingUrlFor = trackingUrlBuilder(DEFAULT_CARRIER_URLS);
