// Errors a paginated listing raises on its own: a server that loops, and a listing past its page cap.
import { LlamaCloudError } from './base.js';

/** A page's `next_page_token` was already used in this listing: following it would loop forever. */
export class CursorLoopError extends LlamaCloudError {
  readonly kind = 'cursor_loop';
  /** The repeated token. */
  readonly token: string;
  /** The page (1-based) that first used it. */
  readonly firstUsedByPage: number;

  constructor(token: string, pageNumber: number, firstUsedByPage: number) {
    // No `cursor`: resuming from the repeated token would only repeat pages.
    super(
      `Page ${pageNumber} returned next_page_token ${JSON.stringify(token)}, which already fetched page ` +
        `${firstUsedByPage}; stopping rather than looping.`,
      { pageNumber },
    );
    this.token = token;
    this.firstUsedByPage = firstUsedByPage;
  }
}

/** The listing reached its `maxPages` cap with pages still to fetch. */
export class PageLimitError extends LlamaCloudError {
  readonly kind = 'page_limit';
  /** The cap that was reached. */
  readonly maxPages: number;

  constructor(maxPages: number, nextCursor: string) {
    super(
      `Reached maxPages (${maxPages}) with pages left; raise { maxPages } or resume from page_token ${JSON.stringify(nextCursor)}.`,
      { cursor: nextCursor, pageNumber: maxPages + 1 },
    );
    this.maxPages = maxPages;
  }
}
