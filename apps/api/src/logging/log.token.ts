/** The API's `Log` (`@escalations/db/log`), for a provider to inject. */
export const LOG = Symbol('LOG');
