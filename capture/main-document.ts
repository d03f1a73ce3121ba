// Which of a capture's requests delivered the main frame's documents: both the crawler
// (to tell how the page ended) and the extractor (the page event's body and address) ask.
import type { CapturedRequest } from './capture.js';

/** The main frame's document requests that were not redirected away (each may have failed), in request order. */
export function mainFrameDocuments(
  requests: readonly CapturedRequest[],
  mainFrameId: string | undefined,
): CapturedRequest[] {
  return requests.filter((r) => r.resource_type === 'document' && r.frame_id === mainFrameId && !r.redirect_to);
}
