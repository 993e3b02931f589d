// One WebSocket to /ws that comes back by itself: exponential backoff with jitter (0.5 s doubling to 15 s), and
// a fresh `onOpen` on every connection so subscribers can resume (for logs, with the last line's id as sinceId).

export class LiveSocket {
  /**
   * @param {object} handlers {onOpen(send), onMessage(message), onState(state, detail)}
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.attempt = 0;
    this.closedByUs = false;
    this.timer = null;
    this.connect();
  }

  connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    this.state(this.attempt === 0 ? "connecting" : "reconnecting");
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.state("live");
      this.handlers.onOpen((message) => this.send(message));
    };
    ws.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      this.handlers.onMessage(message);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      if (this.closedByUs) { this.state("closed"); return; }
      const delay = Math.min(15000, 500 * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
      this.attempt++;
      this.state("reconnecting", {inMs: Math.round(delay), reason: event.reason || `code ${event.code}`});
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  send(message) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  state(state, detail) {
    if (this.handlers.onState) this.handlers.onState(state, detail || {});
  }

  /** Closes for good. */
  close() {
    this.closedByUs = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close(1000, "page left");
    this.state("closed");
  }

  /** Drops the connection as a network failure would (for tests and the 'reconnect' button). */
  drop() {
    if (this.ws) this.ws.close(4000, "dropped by the page");
  }
}
