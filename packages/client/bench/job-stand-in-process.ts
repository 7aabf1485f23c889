// The job stand-in in a process of its own, so that 1,000 pollers and the server answering them do not
// share one event loop (which would slow the pollers and understate their requests). Sends its port.
import { startJobStandIn } from '../test/helpers/job-stand-in.js';

const stand = await startJobStandIn();
process.send?.({ url: stand.url });
process.on('disconnect', () => {
  void stand.close().then(() => process.exit(0));
});
