/**
 * The pages of one of the dealer API's list operations, from page 1 until HasMore is false. A
 * service that misbehaves cannot make a read loop for ever: a page that repeats the one before, more
 * records than the TotalCount it reports, or an empty page that promises more, stop the read with
 * a KrollDataError that says what came back.
 */
import type { KrollPage } from '../../kroll/soap/index.js';
import { KrollDataError } from '../../protocol/errors.js';

export interface Page<T> {
  /** From 1. */
  number: number;
  items: T[];
  /** TotalCount as this page reported it. */
  totalCount: number;
}

export async function* pagesOf<T>(
  operation: string,
  fetch: (page: number) => Promise<KrollPage<T>>,
  keyOf: (item: T) => string,
): AsyncGenerator<Page<T>> {
  let previous: string | undefined;
  let received = 0;
  for (let number = 1; ; number++) {
    const page = await fetch(number);
    const keys = page.items.map(keyOf).join('\n');
    if (page.items.length > 0 && keys === previous) {
      throw new KrollDataError(
        `Kroll's dealer API answered ${operation} page ${number} with the same ${page.items.length} records as page ${number - 1} ` +
          `(HasMore ${page.hasMore}, TotalCount ${page.totalCount}); the read stops rather than loop.`,
      );
    }
    previous = keys;
    received += page.items.length;
    if (received > page.totalCount) {
      throw new KrollDataError(
        `Kroll's dealer API sent ${received} records in pages 1 to ${number} of ${operation}, more than the TotalCount of ${page.totalCount} it reports; the read stops rather than loop.`,
      );
    }
    yield { number, items: page.items, totalCount: page.totalCount };
    if (!page.hasMore) return;
    if (page.items.length === 0) {
      throw new KrollDataError(`Kroll's dealer API answered ${operation} page ${number} with no records but HasMore true (TotalCount ${page.totalCount}); the read stops rather than loop.`);
    }
  }
}
