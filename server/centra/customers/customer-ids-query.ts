/** Every Centra customer id, a page at a time, oldest first: the customer backfill queues a job for each. */
export const LIST_CUSTOMER_IDS_QUERY = `query ListCustomerIds($limit: Int!, $page: Int!) {
  customers(sort: [id_ASC], limit: $limit, page: $page) { id }
}`;
