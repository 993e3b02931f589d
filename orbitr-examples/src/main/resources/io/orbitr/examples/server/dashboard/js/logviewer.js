// The live log viewer. Lines arrive over /ws already filtered by the server (regex, inverted or not, and
// stream). The page keeps a bounded window of lines (MAX_LINES; the oldest are dropped and counted) and draws only
// the rows in view, so 100,000 lines cost the same to show as 100. A lost connection comes back with backoff and
// asks for the lines after the last id it has, so no line is shown twice.
import {h, fill, toast} from "./ui.js";
import {ansiToHtml, stripAnsi} from "./ansi.js";
import {LiveSocket} from "./socket.js";
import {can, seg} from "./api.js";

export const MAX_LINES = 50000;
const ROW = 18;
/** Wrapped rows have different heights, so wrap mode draws a window of this many lines, not only the rows in view;
 * scrolling to the window's top or bottom moves it by half its size, keeping the line in view where it was. */
const WRAP_WINDOW = 2000;

export class LogViewer {
  constructor(containerId) {
    this.container = containerId;
    this.lines = [];
    this.lastId = -1;
    this.dropped = 0;
    this.lost = 0;
    this.received = 0;
    this.paused = false;
    this.pendingWhilePaused = 0;
    this.stick = true;
    this.lastTop = 0;
    this.dirty = false;
    this.wrapEnd = null; // in wrap mode, where the drawn window ends; null while it follows the newest line
    this.wrapFrom = 0;
    this.wrapTo = 0;
    this.options = {tail: 200, filter: "", exclude: false, stream: "both", timestamps: false, wrap: false,
      follow: true};
    this.build();
  }

  build() {
    const o = this.options;
    const id = (name) => "log-" + name;
    this.stateEl = h("span", {class: "conn", id: id("state"), role: "status", "aria-live": "polite"}, "connecting");
    this.countEl = h("span", {class: "muted", id: id("count")});
    this.tailInput = h("input", {id: id("tail"), type: "number", min: 0, max: 10000, value: o.tail});
    this.filterInput = h("input", {id: id("filter"), type: "search", placeholder: "regular expression",
      "aria-describedby": id("filter-error")});
    this.filterError = h("div", {class: "field-error", id: id("filter-error"), role: "alert"});
    this.excludeInput = h("input", {id: id("exclude"), type: "checkbox"});
    this.streamInput = h("select", {id: id("stream")}, h("option", {value: "both"}, "stdout and stderr"),
      h("option", {value: "stdout"}, "stdout"), h("option", {value: "stderr"}, "stderr"));
    this.followInput = h("input", {id: id("follow"), type: "checkbox", checked: true});
    this.timestampsInput = h("input", {id: id("timestamps"), type: "checkbox"});
    this.wrapInput = h("input", {id: id("wrap"), type: "checkbox"});
    this.pauseButton = h("button", {type: "button", id: id("pause"), "aria-pressed": "false"}, "Pause");
    this.jumpButton = h("button", {type: "button", id: id("jump"), hidden: true}, "Jump to latest ↓");
    const apply = h("button", {type: "submit", id: id("apply")}, "Apply");
    const downloadAll = h("a", {href: `/api/v1/containers/${seg(this.container)}/logs?timestamps=true`,
      id: id("download-all"), class: "button", download: ""}, "Download whole log");
    const downloadShown = h("button", {type: "button", id: id("download-shown")}, "Download filtered lines");
    const clear = h("button", {type: "button", id: id("clear")}, "Clear");

    const controls = h("form", {class: "log-controls", "aria-label": "Log viewer options"},
      h("label", {for: id("tail")}, "Tail"), this.tailInput,
      h("label", {for: id("filter")}, "Filter"), h("span", {class: "stack"}, this.filterInput, this.filterError),
      h("label", {class: "inline", for: id("exclude")}, this.excludeInput, " exclude matches"),
      h("label", {for: id("stream")}, "Stream"), this.streamInput,
      apply);
    const toggles = h("div", {class: "log-toggles"},
      h("label", {class: "inline", for: id("follow")}, this.followInput, " follow"),
      h("label", {class: "inline", for: id("timestamps")}, this.timestampsInput, " timestamps"),
      h("label", {class: "inline", for: id("wrap")}, this.wrapInput, " wrap"),
      this.pauseButton, clear, downloadShown, can("operator") ? downloadAll : null,
      this.stateEl, this.countEl);

    this.rowsEl = h("div", {class: "log-rows"});
    this.spacer = h("div", {class: "log-spacer"}, this.rowsEl);
    this.viewport = h("div", {class: "log-viewport", id: id("viewport"), tabindex: "0", role: "log",
      "aria-label": "Log lines", "aria-live": "off"}, this.spacer);
    this.element = h("div", {class: "log-viewer"}, controls, toggles, h("div", {class: "log-frame"},
      this.viewport, this.jumpButton));
    // Reachable from the page for diagnosis and the browser tests (for example to drop the connection).
    this.viewport.logViewer = this;

    controls.addEventListener("submit", (e) => { e.preventDefault(); this.resubscribe(); });
    this.pauseButton.addEventListener("click", () => this.setPaused(!this.paused));
    this.jumpButton.addEventListener("click", () => { this.stick = true; this.render(true); });
    this.timestampsInput.addEventListener("change", () => { this.options.timestamps = this.timestampsInput.checked;
      this.render(true); });
    this.wrapInput.addEventListener("change", () => { this.options.wrap = this.wrapInput.checked;
      this.viewport.classList.toggle("wrap", this.options.wrap); this.render(true); });
    this.followInput.addEventListener("change", () => {
      this.options.follow = this.followInput.checked;
      if (this.options.follow) this.connect(); else this.disconnect("not following");
    });
    clear.addEventListener("click", () => { this.lines = []; this.dropped = 0; this.render(true); });
    downloadShown.addEventListener("click", () => this.downloadShown());
    this.viewport.addEventListener("scroll", () => this.onScroll());
    // Only the user unsticks the view: wheel, touch, keys or the scrollbar, not the page's own redraws.
    this.userIntent = -Infinity;
    for (const type of ["wheel", "touchmove", "keydown", "mousedown"]) {
      this.viewport.addEventListener(type, () => { this.userIntent = performance.now(); }, {passive: true});
    }
    this.viewport.addEventListener("keydown", (e) => {
      if (e.key === "End") { this.stick = true; this.render(true); }
    });
  }

  /** Starts following. */
  start() {
    this.connect();
    return this;
  }

  connect() {
    if (this.socket) return;
    this.socket = new LiveSocket({
      onOpen: (send) => {
        const message = {type: "subscribe_logs", containerId: this.container, tail: this.options.tail};
        if (this.lastId >= 0) message.sinceId = this.lastId;
        if (this.options.filter) { message.filter = this.options.filter; message.exclude = this.options.exclude; }
        if (this.options.stream !== "both") message.streams = [this.options.stream];
        send(message);
      },
      onMessage: (m) => this.onMessage(m),
      onState: (state, detail) => this.setState(state, detail),
    });
  }

  disconnect(why) {
    if (this.socket) { this.socket.close(); this.socket = null; }
    this.setState("closed", {reason: why});
  }

  /** New options: a new subscription from scratch (the server applies the filter to the history too). */
  resubscribe() {
    const tail = Number(this.tailInput.value);
    if (!Number.isInteger(tail) || tail < 0 || tail > 10000) {
      this.filterError.textContent = "Tail must be a whole number from 0 to 10000.";
      return;
    }
    this.filterError.textContent = "";
    this.filterInput.removeAttribute("aria-invalid");
    this.options.tail = tail;
    this.options.filter = this.filterInput.value;
    this.options.exclude = this.excludeInput.checked;
    this.options.stream = this.streamInput.value;
    this.disconnect("options changed");
    this.lines = [];
    this.lastId = -1;
    this.dropped = 0;
    this.stick = true;
    this.render(true);
    if (this.options.follow) this.connect();
  }

  onMessage(m) {
    if (m.containerId !== undefined && m.containerId !== this.container) return;
    if (m.type === "logs") {
      for (const line of m.lines) {
        if (line.id <= this.lastId) continue;
        this.lastId = line.id;
        if (this.firstText === undefined) this.firstText = line.text;
        this.lines.push(line);
      }
      this.received += m.lines.length;
      if (this.lines.length > MAX_LINES + MAX_LINES / 10) {
        const cut = this.lines.length - MAX_LINES;
        this.lines = this.lines.slice(cut);
        this.dropped += cut;
        if (this.wrapEnd !== null) this.wrapEnd = Math.max(0, this.wrapEnd - cut);
      }
      if (this.paused) this.pendingWhilePaused += m.lines.length;
      this.schedule();
    } else if (m.type === "event") {
      if (m.event === "LOST") {
        this.lost += m.count || 0;
        this.lines.push({id: this.lastId, marker: true, text: `— ${m.count} lines lost: the page fell behind —`});
        this.schedule();
      } else if (m.event === "END") {
        this.setState("ended", {reason: m.reason});
      } else if (m.event === "RECONNECTING" || m.event === "RECONNECTED") {
        this.setState(m.event === "RECONNECTING" ? "engine reconnecting" : "live");
      }
    } else if (m.type === "error") {
      if (m.field === "filter" || m.field === "exclude" || m.field === "streams" || m.field === "tail") {
        this.filterError.textContent = m.message;
        this.filterInput.setAttribute("aria-invalid", "true");
      } else {
        toast(m.message, "error");
      }
      if (m.status === 403 || m.status === 404 || m.field) this.disconnect(m.message);
    }
  }

  setState(state, detail = {}) {
    this.state = state;
    const text = state === "reconnecting" && detail.inMs
      ? `reconnecting in ${(detail.inMs / 1000).toFixed(1)} s` : state + (detail.reason && state !== "live"
        ? ` (${detail.reason})` : "");
    this.stateEl.textContent = text;
    this.stateEl.dataset.state = state;
  }

  setPaused(paused) {
    this.paused = paused;
    this.pauseButton.textContent = paused ? "Resume" : "Pause";
    this.pauseButton.setAttribute("aria-pressed", String(paused));
    if (!paused) { this.pendingWhilePaused = 0; this.render(true); } else this.updateCount();
  }

  schedule() {
    if (this.dirty) return;
    this.dirty = true;
    requestAnimationFrame(() => { this.dirty = false; if (!this.paused) this.render(false); else this.updateCount(false); });
  }

  onScroll() {
    // Growing content never moves scrollTop up: only the user does. Scrolling up unsticks, reaching the end sticks.
    const v = this.viewport;
    const atBottom = v.scrollTop + v.clientHeight >= v.scrollHeight - ROW * 2;
    const windowAtEnd = !this.options.wrap || this.wrapTo >= this.lines.length;
    if (atBottom && windowAtEnd) this.stick = true;
    else if (v.scrollTop < this.lastTop - 1 && performance.now() - this.userIntent < 1500) this.stick = false;
    if (this.options.wrap && !this.stick && this.wrapEnd === null) this.wrapEnd = this.wrapTo;
    this.lastTop = v.scrollTop;
    this.jumpButton.hidden = this.stick;
    if (!this.options.wrap) this.draw();
    else this.shiftWrapWindow(atBottom);
  }

  /** The counts under the toolbar: at most four times a second while lines stream in (each change is a layout). */
  updateCount(force = true) {
    const now = performance.now();
    if (force !== true && now - (this.countedAt || 0) < 250) {
      if (!this.countTimer) this.countTimer = setTimeout(() => { this.countTimer = null; this.updateCount(); }, 250);
      return;
    }
    this.countedAt = now;
    this.viewport.dataset.lines = String(this.lines.length);
    this.viewport.dataset.lastId = String(this.lastId);
    const parts = [`${this.lines.length.toLocaleString()} lines in view`];
    if (this.dropped) parts.push(`${this.dropped.toLocaleString()} older dropped from the page`);
    if (this.lost) parts.push(`${this.lost.toLocaleString()} lost`);
    if (this.paused && this.pendingWhilePaused) parts.push(`${this.pendingWhilePaused.toLocaleString()} new while paused`);
    this.countEl.textContent = parts.join(" · ");
  }

  render(force = false) {
    this.updateCount(force);
    if (this.options.wrap) {
      this.spacer.style.height = "auto";
      this.rowsEl.style.transform = "";
      if (this.stick) this.wrapEnd = null;
      this.paintWrap(force === true);
      if (this.stick) {
        this.viewport.scrollTop = this.viewport.scrollHeight;
        this.lastTop = this.viewport.scrollTop;
      }
    } else {
      // Without wrap every row is ROW high, so where the end is follows from the count: the frame writes the
      // height and the scroll position, then draws the rows there once, and never reads layout back in between.
      const height = this.lines.length * ROW;
      this.spacer.style.height = height + "px";
      let top;
      if (this.stick) {
        top = Math.max(0, height - this.viewHeight());
        this.viewport.scrollTop = top;
        this.lastTop = top;
      }
      this.draw(top);
    }
    if (this.jumpButton.hidden !== this.stick) this.jumpButton.hidden = this.stick;
  }

  /** The viewport's inner height, read once and then kept by a resize observer (reading it forces a layout). */
  viewHeight() {
    if (this.height === undefined) {
      this.height = this.viewport.clientHeight;
      new ResizeObserver(() => { this.height = this.viewport.clientHeight; }).observe(this.viewport);
    }
    return this.height;
  }

  /** Draws the wrap window; a window the user holds still is drawn again only when it moves or is forced. */
  paintWrap(force) {
    const end = this.wrapEnd === null ? this.lines.length : Math.min(this.wrapEnd, this.lines.length);
    const from = Math.max(0, end - WRAP_WINDOW);
    if (!force && from === this.wrapFrom && end === this.wrapTo && this.drawnTs === this.options.timestamps
      && this.rowsEl.childElementCount) return;
    this.wrapFrom = from;
    this.wrapTo = end;
    this.drawnTs = this.options.timestamps;
    this.drawnCount = -1;
    this.rowsEl.innerHTML = this.rowsHtml(from, end);
    this.viewport.dataset.wrapFrom = String(from);
  }

  /** At the window's top (or bottom, when newer lines exist) moves the window and keeps the reader's line still. */
  shiftWrapWindow(atBottom) {
    const v = this.viewport;
    let next = null;
    let anchor = null;
    if (v.scrollTop < ROW * 3 && this.wrapFrom > 0) {
      next = Math.min(this.lines.length, Math.max(WRAP_WINDOW, this.wrapTo - WRAP_WINDOW / 2));
      anchor = this.rowsEl.querySelector(".ll[data-id]");
    } else if (atBottom && this.wrapTo < this.lines.length) {
      next = Math.min(this.lines.length, this.wrapTo + WRAP_WINDOW / 2);
      const rows = this.rowsEl.querySelectorAll(".ll[data-id]");
      anchor = rows[rows.length - 1];
    }
    if (next === null || next === this.wrapTo) return;
    const id = anchor && anchor.dataset.id;
    const before = anchor ? anchor.getBoundingClientRect().top : 0;
    this.wrapEnd = next;
    this.paintWrap(true);
    const again = id && this.rowsEl.querySelector(`.ll[data-id="${id}"]`);
    if (again) v.scrollTop += again.getBoundingClientRect().top - before;
    this.lastTop = v.scrollTop;
  }

  /** Draws the rows in view (plus a margin) in nowrap mode; `top` is the scroll position when the caller set it. */
  draw(top = this.viewport.scrollTop) {
    if (this.options.wrap) return;
    const first = Math.max(0, Math.floor(top / ROW) - 20);
    const last = Math.min(this.lines.length, Math.ceil((top + this.viewHeight()) / ROW) + 20);
    if (first === this.drawnFirst && last === this.drawnLast && this.drawnCount === this.lines.length
      && this.drawnTs === this.options.timestamps) return;
    this.drawnFirst = first;
    this.drawnLast = last;
    this.drawnCount = this.lines.length;
    this.drawnTs = this.options.timestamps;
    this.rowsEl.style.transform = `translateY(${first * ROW}px)`;
    this.rowsEl.innerHTML = this.rowsHtml(first, last);
  }

  rowsHtml(from, to) {
    let html = "";
    const ts = this.options.timestamps;
    for (let i = from; i < to; i++) {
      const line = this.lines[i];
      if (line.marker) { html += `<div class="ll marker">${line.text}</div>`; continue; }
      if (line.html === undefined) line.html = ansiToHtml(line.text);
      html += `<div class="ll ${line.stream === "stderr" ? "err" : "out"}" data-id="${line.id}">`
        + (ts ? `<span class="ts">${line.ts}</span> ` : "") + line.html + "</div>";
    }
    return html;
  }

  downloadShown() {
    const text = this.lines.filter((l) => !l.marker)
      .map((l) => (this.options.timestamps ? l.ts + " " : "") + stripAnsi(l.text)).join("\n") + "\n";
    const url = URL.createObjectURL(new Blob([text], {type: "text/plain"}));
    const a = h("a", {href: url, download: `${this.container}-filtered.log`});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /** Stops following and frees the page. */
  close() {
    clearTimeout(this.countTimer);
    this.disconnect("page left");
    fill(this.rowsEl);
  }
}
