// The module Web Worker that explains a HAR off the main thread, so a 50 MB
// file never freezes the page. Started by run-explain.ts; protocol in
// job-protocol.ts. It reads only the File it is given and posts results back
// to the page: nothing leaves the browser.
import { runExplainJob } from './explain-job.ts';
import { isStartJob, type JobMessage } from './job-protocol.ts';

const post = (m: JobMessage) => postMessage(m);

addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isStartJob(e.data)) return;
  void runExplainJob(e.data.file, { id: e.data.id, post });
});
