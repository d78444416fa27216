/**
 * arXiv's PDFs on 127.0.0.1 for the download queue's tests and the e2e suite: the feed server's
 * `/pdf/<id>` route (`testing/feedServer.ts`, which also serves the daily papers and query APIs),
 * under the names those tests know.
 */
export {
  ARXIV_ERROR_PAGE,
  startFeedServer as startArxivServer,
  type FeedRequest as ArxivRequest,
  type FeedServer as ArxivServer,
  type PdfAnswer as ArxivAnswer,
} from './feedServer'
