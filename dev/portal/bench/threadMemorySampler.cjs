// Preloaded with `node --require` into the bench's portal (memoryTimeline.ts): in every thread of the
// process (the serving thread and the read model's computation thread), appends this isolate's heap
// and the process's RSS (and when the computation thread says it is ready) to the JSON-lines file MEMORY_TIMELINE_FILE every MEMORY_TIMELINE_MS ms.
// With MEMORY_ALLOCATION_S set, each thread also samples what it allocates for that many seconds from its start,
// garbage included (V8's sampling heap profiler with the objects collected by either GC kept in the profile), and
// writes it beside the timeline as `<file>.<thread>.heapprofile` (Chrome DevTools' format).
const { appendFileSync } = require('node:fs');
const v8 = require('node:v8');
const { isMainThread, parentPort, threadId } = require('node:worker_threads');

const file = process.env.MEMORY_TIMELINE_FILE;
if (file) {
  const MB = bytes => Math.round((bytes / 2 ** 20) * 10) / 10;
  const sample = what => {
    const heap = v8.getHeapStatistics();
    const usage = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({
        t: Date.now(),
        thread: isMainThread ? 'serving' : `worker ${threadId}`,
        ...(what ? { what } : {}),
        rssMB: MB(usage.rss),
        maxRssMB: MB(process.resourceUsage().maxRSS * 1024),
        heapUsedMB: MB(heap.used_heap_size),
        heapTotalMB: MB(heap.total_heap_size),
        externalMB: MB(heap.external_memory),
        mallocedMB: MB(heap.malloced_memory),
        peakMallocedMB: MB(heap.peak_malloced_memory),
      })}\n`,
    );
  };
  sample('thread started');
  // The read model's computation thread posts { type: 'ready' } once it has built its gateways.
  if (parentPort) {
    const post = parentPort.postMessage.bind(parentPort);
    parentPort.postMessage = (message, ...rest) => {
      if (message && message.type === 'ready') sample('ready');
      return post(message, ...rest);
    };
  }
  const allocationS = Number(process.env.MEMORY_ALLOCATION_S ?? 0);
  if (allocationS > 0) {
    const inspector = require('node:inspector');
    const session = new inspector.Session();
    session.connect();
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 64 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    setTimeout(() => {
      session.post('HeapProfiler.stopSampling', (err, result) => {
        if (err) return;
        const name = isMainThread ? 'serving' : `worker-${threadId}`;
        require('node:fs').writeFileSync(
          `${file}.${name}.heapprofile`,
          JSON.stringify(result.profile),
        );
        session.disconnect();
      });
    }, allocationS * 1000).unref();
  }
  setInterval(sample, Number(process.env.MEMORY_TIMELINE_MS ?? 100)).unref();
}
