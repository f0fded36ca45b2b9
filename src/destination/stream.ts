/** The one stream destination-kroll writes; its schema is catalogs/fulfillment_requests.json. */
export const FULFILLMENT_REQUESTS = 'fulfillment_requests';

/** Every stream schema in catalogs/ that belongs to the destination, not to the source's discover. */
export const DESTINATION_STREAMS: readonly string[] = [FULFILLMENT_REQUESTS];
