// Preloaded with `node --require` into the bench's portal (coldTimeline.ts): in every thread of the
// process (the serving thread and the read model's computation thread, which `--require` reaches on
// Node 20) appends one JSON line per event to CALL_TIMELINE_FILE: each outgoing HTTP request (a Google
// call, as google-gax's REST transport makes it) when it starts, when its answer's headers arrive and
// when its body ends; and the messages the computation thread posts (ready, logs, each page handed over).
const { appendFileSync } = require('node:fs');
const http = require('node:http');
const { isMainThread, parentPort, threadId } = require('node:worker_threads');

const file = process.env.CALL_TIMELINE_FILE;
if (file) {
  const thread = isMainThread ? 'serving' : `worker ${threadId}`;
  const now = () =>
    Math.round((performance.timeOrigin + performance.now()) * 10) / 10;
  const write = event =>
    appendFileSync(file, `${JSON.stringify({ t: now(), thread, ...event })}\n`);
  write({ what: 'thread started' });
  let nextCall = 1;
  const wrap = original =>
    function (...args) {
      const req = original.apply(this, args);
      const call = nextCall++;
      const target =
        typeof args[0] === 'string' || args[0] instanceof URL
          ? String(args[0])
          : `${args[0].method ?? 'GET'} ${args[0].path ?? ''}`;
      write({ what: 'call start', call, target: target.slice(0, 160) });
      req.once('response', res => {
        write({ what: 'call headers', call, status: res.statusCode });
        res.once('end', () => write({ what: 'call end', call }));
      });
      return req;
    };
  http.request = wrap(http.request);
  http.get = wrap(http.get);
  if (parentPort) {
    const post = parentPort.postMessage.bind(parentPort);
    parentPort.postMessage = (message, ...rest) => {
      if (message && typeof message === 'object') {
        const started = now();
        const result = post(message, ...rest);
        write({
          what: `posted ${message.type}`,
          ...(message.type === 'log' ? { message: message.message } : {}),
          ...(message.id !== undefined ? { id: message.id } : {}),
          postMs: Math.round((now() - started) * 10) / 10,
        });
        return result;
      }
      return post(message, ...rest);
    };
    parentPort.on('message', message => {
      if (message && message.type === 'call')
        write({
          what: 'asked',
          id: message.id,
          call: `${message.source}.${message.method}`,
        });
    });
  }
}
