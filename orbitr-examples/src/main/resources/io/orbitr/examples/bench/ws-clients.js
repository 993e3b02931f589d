// orbitr bench ws: N WebSocket clients (Node's ws package) following one container's log.
// Usage: node ws-clients.js URL TOKEN CONTAINER CLIENTS END_MARKER WARMUP_MILLIS
// Delays are sampled from WARMUP_MILLIS after a client's first line on; every line is counted.
// Prints "ready" once every client is subscribed, then one JSON summary line when every client saw the end marker.
const WebSocket = require('ws');
const [url, token, container, count, endMarker, warmup] = process.argv.slice(2);
const warmupMillis = Number(warmup || 0);
const clients = Number(count);
const latencies = [];
let ready = 0;
let done = 0;
const results = [];
for (let c = 0; c < clients; c++) {
  const state = {lines: 0, lost: 0, ended: false, sample: c, first: 0};
  const ws = new WebSocket(url, {headers: {Authorization: 'Bearer ' + token}});
  ws.on('open', () => ws.send(JSON.stringify({type: 'subscribe_logs', containerId: container, tail: 0})));
  let subscribed = false;
  ws.on('message', (data) => {
    const m = JSON.parse(data);
    if (!subscribed) { subscribed = true; if (++ready === clients) console.log('ready'); }
    if (m.type === 'logs') {
      const now = Date.now();
      for (const line of m.lines) {
        if (line.text === endMarker) { finish(); continue; }
        state.lines++;
        const sent = Date.parse(line.ts);
        if (!state.first) state.first = sent;
        if (++state.sample % 50 === 0 && sent - state.first >= warmupMillis) latencies.push(now - sent);
      }
    } else if (m.type === 'event' && m.event === 'LOST') {
      state.lost += m.count;
    } else if (m.type === 'error') {
      console.error('error: ' + m.message);
      process.exit(3);
    }
  });
  function finish() {
    if (state.ended) return;
    state.ended = true;
    results.push({lines: state.lines, lost: state.lost});
    ws.close();
    if (++done === clients) summary();
  }
  ws.on('error', (e) => { console.error(e.message); process.exit(1); });
}
// Subscriptions are acknowledged by the first message; an idle log sends none, so "ready" also comes on a timer.
setTimeout(() => { if (ready < clients) { ready = clients; console.log('ready'); } }, 3000);
function summary() {
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0;
  console.log(JSON.stringify({clients: results.length, lines: results.map((r) => r.lines),
    lost: results.map((r) => r.lost), p50: p(0.5), p99: p(0.99), samples: latencies.length}));
  process.exit(0);
}
