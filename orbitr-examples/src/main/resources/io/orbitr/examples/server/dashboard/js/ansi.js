// ANSI SGR colours to HTML spans; everything else in the text is escaped. Other escape sequences are dropped.

const ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
export const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ESCAPE[c]);

// eslint-disable-next-line no-control-regex
const SEQUENCE = /\x1b\[([0-9;]*)([A-Za-z])/g;

/** @returns HTML for one log line, with SGR colours as classes a0..a15, bold as ab */
export function ansiToHtml(text) {
  if (text.indexOf("\x1b") < 0) return escapeHtml(text);
  let out = "";
  let last = 0;
  let fg = -1;
  let bg = -1;
  let bold = false;
  let open = false;
  let m;
  SEQUENCE.lastIndex = 0;
  while ((m = SEQUENCE.exec(text))) {
    out += escapeHtml(text.slice(last, m.index));
    last = SEQUENCE.lastIndex;
    if (m[2] !== "m") continue;
    const codes = m[1] === "" ? [0] : m[1].split(";").map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) { fg = -1; bg = -1; bold = false; }
      else if (c === 1) bold = true;
      else if (c === 22) bold = false;
      else if (c >= 30 && c <= 37) fg = c - 30;
      else if (c >= 90 && c <= 97) fg = c - 90 + 8;
      else if (c === 39) fg = -1;
      else if (c >= 40 && c <= 47) bg = c - 40;
      else if (c >= 100 && c <= 107) bg = c - 100 + 8;
      else if (c === 49) bg = -1;
      else if ((c === 38 || c === 48) && codes[i + 1] === 5) i += 2;
      else if ((c === 38 || c === 48) && codes[i + 1] === 2) i += 4;
    }
    if (open) { out += "</span>"; open = false; }
    const classes = [];
    if (fg >= 0) classes.push("a" + fg);
    if (bg >= 0) classes.push("b" + bg);
    if (bold) classes.push("ab");
    if (classes.length) { out += `<span class="${classes.join(" ")}">`; open = true; }
  }
  out += escapeHtml(text.slice(last).replace(/\x1b/g, ""));
  if (open) out += "</span>";
  return out;
}

/** @returns the text without escape sequences */
// eslint-disable-next-line no-control-regex
export const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
