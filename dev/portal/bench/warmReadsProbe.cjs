// Preloaded with `node --require` into the portal by warmReads.ts (docs/performance.md, "Session 8,
// warm reads"): appends to the JSON-lines file WARM_READS_PROBE_FILE, on the monotonic clock
// (process.hrtime, µs, the clock of V8's CPU profiles and of the driver), when each HTTP request
// reached the serving thread's handler and when its answer finished; each garbage collection of
// each thread; each message the read model's computation thread posts (how long postMessage took
// there, the size of its serialized form) and when the serving thread's listeners got it.
const { appendFileSync } = require('node:fs');
const http = require('node:http');
const v8 = require('node:v8');
const { PerformanceObserver, performance } = require('node:perf_hooks');
const {
  isMainThread,
  parentPort,
  threadId,
  Worker,
} = require('node:worker_threads');

const file = process.env.WARM_READS_PROBE_FILE;
if (file) {
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  // performance.now() (ms since this thread's time origin) to the monotonic clock in µs.
  const perfOffsetUs = nowUs() - performance.now() * 1000;
  const thread = isMainThread ? 'serving' : `worker ${threadId}`;
  const write = record =>
    appendFileSync(file, `${JSON.stringify({ thread, ...record })}\n`);

  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      write({
        gc: e.detail?.kind ?? e.kind,
        t0: Math.round(perfOffsetUs + e.startTime * 1000),
        us: Math.round(e.duration * 1000),
      });
  }).observe({ entryTypes: ['gc'] });

  if (isMainThread) {
    const emit = http.Server.prototype.emit;
    http.Server.prototype.emit = function (event, req, res) {
      if (event === 'request') {
        const t0 = nowUs();
        res.once('finish', () =>
          write({ request: req.url, status: res.statusCode, t0, t1: nowUs() }),
        );
      }
      return emit.apply(this, arguments);
    };
    const workerEmit = Worker.prototype.emit;
    Worker.prototype.emit = function (event, message) {
      if (event !== 'message' || message?.type !== 'result')
        return workerEmit.apply(this, arguments);
      const t0 = nowUs();
      try {
        return workerEmit.apply(this, arguments);
      } finally {
        write({ received: message.id, t0, t1: nowUs() });
      }
    };
  } else if (parentPort) {
    const post = parentPort.postMessage.bind(parentPort);
    parentPort.postMessage = (message, ...rest) => {
      if (message?.type !== 'result') return post(message, ...rest);
      const bytes = v8.serialize(message).length;
      const t0 = nowUs();
      try {
        return post(message, ...rest);
      } finally {
        write({ posted: message.id, bytes, t0, t1: nowUs() });
      }
    };
  }
}
