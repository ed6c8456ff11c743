/** Option bounds shared by every platform. */
export const MAX_RESULTS = 10;
export const DEFAULT_RESULTS = 5;
export const MAX_QUERY_LENGTH = 300;
export const MAX_OFFSET = 1000;
