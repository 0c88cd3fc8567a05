/*
 * Style sheets of the overlay, as text. They only ever go into shadow roots (the overlay's and each
 * highlight's), so page styles cannot reach in and these rules cannot reach the page.
 * Colour pairs are chosen for a contrast of at least 4.5:1 between text and background; colour is
 * never the only signal: quote borders and term underlines also change style, and every item is named.
 */
(function (root) {
  "use strict";

  /* Injected again (another button press, an automatic run): keep the first copy and its state. */
  if (root.QuoteTrail && root.QuoteTrail.styles) return;

  /*
   * Speaker fills (light page, dark page), one slot per speaker up to SPEAKER_SLOTS, hues a golden
   * angle apart so neighbours in the list differ most; text on them is near-black on the light fills
   * and near-white on the dark ones. Past the slots colours repeat, but every speaker's first
   * highlight also carries its number as a badge, and borders change style: never colour alone.
   */
  const SPEAKER_SLOTS = 24;
  const GOLDEN_ANGLE = 137.508;
  const SPEAKER_COLORS = Array.from({ length: SPEAKER_SLOTS }, (_, i) => {
    const hue = Math.round((48 + i * GOLDEN_ANGLE) % 360);
    return [`hsl(${hue} 85% 84%)`, `hsl(${hue} 55% 27%)`];
  });
  const UNATTRIBUTED_COLOR = ["#e4e4e4", "#474747"];
  const TEXT_ON_FILL = ["#111111", "#f5f5f5"];
  /* Second, colour-free signal for speakers: the quote's bottom border style. */
  const SPEAKER_BORDERS = ["solid", "dashed", "dotted", "double"];
  /* Loaded-term underline colour (light page, dark page) and style per category slot. */
  const TERM_COLORS = [
    ["#b00020", "#ff8a80"], ["#6a1b9a", "#ce93d8"], ["#00695c", "#80cbc4"],
    ["#8a4b00", "#ffcc80"], ["#1a237e", "#9fa8da"], ["#4e342e", "#d7ccc8"], ["#0d47a1", "#90caf9"],
  ];
  /* One slot per category of the lexicon, in its order: label, euphemism, doubt, so_called,
     scare_quote, contested_name, intensifier; CSS has five line styles, so two repeat in another colour. */
  const TERM_LINES = ["wavy", "double", "dotted", "dashed", "solid", "wavy", "double"];
  /* A :host selector for highlights on a dark page: dark("[data-qt-kind=quote]"). */
  const dark = (compound = "") => `:host([data-qt-theme=dark]${compound})`;

  /*
   * The fill is a gradient over the bottom of each line box only, one line-height (1lh) less the
   * 2px border: where a page sets lines closer than the font's box is tall, the part of the box that
   * reaches up into the line above stays clear, so this fill never covers the border above it.
   */
  function markCss() {
    const rules = [
      ":host { border-radius: 2px; cursor: help; position: relative; }",
      ":host([data-qt-kind=quote]) { color: #111; background: linear-gradient(to bottom, transparent calc(100% - 1lh + 2px), var(--qt-bg) calc(100% - 1lh + 2px)) no-repeat;" +
        " border-bottom: 2px solid #333; -webkit-box-decoration-break: clone; box-decoration-break: clone; }",
      ":host([data-qt-kind=term]) { text-decoration-line: underline; text-decoration-thickness: 2px;" +
        " text-underline-offset: 3px; text-decoration-skip-ink: none; }",
      ":host(:focus) { outline: none; }",
      ":host(:focus-visible), :host([data-qt-active]) { outline: 3px solid #1a4fd6; outline-offset: 1px; }",
      `${dark("[data-qt-kind=quote]")} { color: ${TEXT_ON_FILL[1]}; border-bottom-color: #ddd; }`,
      `${dark(":focus-visible")}, ${dark("[data-qt-active]")} { outline-color: #8ab4ff; }`,
      "@media (forced-colors: active) { :host([data-qt-kind=quote]) { border-bottom-color: CanvasText; } }",
    ];
    SPEAKER_COLORS.forEach(([light, onDark], i) => {
      rules.push(`:host([data-qt-color="${i}"]) { --qt-bg: ${light}; border-bottom-style: ${SPEAKER_BORDERS[i % SPEAKER_BORDERS.length]}; }`);
      rules.push(`${dark(`[data-qt-color="${i}"]`)} { --qt-bg: ${onDark}; }`);
    });
    rules.push(`:host([data-qt-color=none]) { --qt-bg: ${UNATTRIBUTED_COLOR[0]}; border-bottom-style: dotted; }`);
    rules.push(`${dark("[data-qt-color=none]")} { --qt-bg: ${UNATTRIBUTED_COLOR[1]}; }`);
    TERM_COLORS.forEach(([light, onDark], i) => {
      rules.push(`:host([data-qt-cat="${i}"]) { text-decoration-color: ${light}; text-decoration-style: ${TERM_LINES[i]}; }`);
      rules.push(`${dark(`[data-qt-cat="${i}"]`)} { text-decoration-color: ${onDark}; }`);
    });
    // The speaker's number, over the start of its first highlight: positioned, so it moves no text.
    rules.push(".badge { position: absolute; left: -3px; top: -0.95em; font: 700 9px/11px system-ui, sans-serif;" +
      " padding: 0 3px; border-radius: 6px; background: #1b1b1b; color: #fff; pointer-events: none; white-space: nowrap; }");
    rules.push(".badge:empty { display: none; }");
    rules.push(`${dark()} .badge { background: #f0f0f0; color: #111; }`);
    return important(rules.join("\n"));
  }

  /*
   * Every highlight declaration is !important: across a shadow boundary the page's ordinary rules
   * beat :host rules, but for !important ones the shadow root's win, so a page's `* { ... !important }`
   * cannot strip the highlights.
   */
  function important(css) {
    return css.replace(/\{([^{}]*)\}/g, (_, body) => "{" + body.split(";").map((decl) =>
      decl.trim() && !decl.includes("!important") ? `${decl.trim()} !important` : decl.trim()).join("; ") + "}");
  }

  const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.qt {
  --bg: #ffffff; --fg: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #1a4fd6; --error-bg: #fde7e9;
  --error-fg: #8a0012; --shadow: 0 4px 18px rgba(0,0,0,.25);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
}
/* The page's own background decides (data-qt-theme on the host), not the system's setting. */
:host([data-qt-theme=dark]) .qt { --bg: #1e1f22; --fg: #ececec; --muted: #b9b9b9; --line: #4a4a4a;
  --accent: #8ab4ff; --error-bg: #4a1118; --error-fg: #ffd0d6; --shadow: 0 4px 18px rgba(0,0,0,.6); }
button, a { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.toggle {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; padding: 8px 14px; border-radius: 20px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg); box-shadow: var(--shadow); cursor: pointer;
}
.panel {
  position: fixed; top: 0; right: 0; bottom: 0; width: min(340px, 92vw); z-index: 2147483647;
  background: var(--bg); color: var(--fg); border-left: 1px solid var(--line); box-shadow: var(--shadow);
  display: flex; flex-direction: column; transition: transform .18s ease-out;
}
.panel[hidden] { display: none; }
.panel header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px;
  border-bottom: 1px solid var(--line); }
.panel h2 { font-size: 16px; margin: 0; }
.panel h3 { font-size: 14px; margin: 14px 0 6px; }
.panel h4 { font-size: 13px; margin: 10px 0 4px; }
.body { overflow: auto; padding: 4px 14px 20px; flex: 1; }
.status { margin: 10px 0; color: var(--muted); }
.error { margin: 10px 0; padding: 8px 10px; border-radius: 6px; background: var(--error-bg); color: var(--error-fg); }
.close, .linkish { border: 1px solid var(--line); background: transparent; border-radius: 6px; padding: 2px 8px; cursor: pointer; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 4px 0; }
.item { display: block; width: 100%; text-align: left; border: 1px solid transparent; background: transparent;
  border-radius: 6px; padding: 4px 6px; cursor: pointer; }
.item:hover { border-color: var(--line); }
.muted { color: var(--muted); }
.swatch { display: inline-block; min-width: 2.2em; padding: 0 4px; margin-right: 6px; border-radius: 3px;
  border-bottom: 2px solid currentColor; text-align: center; }
.underline { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; margin-right: 6px; }
dl { display: grid; grid-template-columns: auto auto; gap: 2px 12px; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; }
.card {
  position: fixed; z-index: 2147483647; max-width: min(360px, 90vw); padding: 10px 12px; border-radius: 8px;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); box-shadow: var(--shadow);
  pointer-events: none; transition: opacity .12s ease-out;
}
.card[hidden] { display: none; }
.card .title { font-weight: 600; }
.card p { margin: 4px 0; }
a { color: var(--accent); }
@media (prefers-reduced-motion: reduce) { .panel, .card { transition: none; } }
`;

  function swatchColors(index, dark) {
    const pair = index === null ? UNATTRIBUTED_COLOR : SPEAKER_COLORS[index % SPEAKER_COLORS.length];
    return { background: pair[dark ? 1 : 0], color: TEXT_ON_FILL[dark ? 1 : 0],
             border: index === null ? "dotted" : SPEAKER_BORDERS[index % SPEAKER_BORDERS.length] };
  }

  function termStyle(index, dark) {
    const i = index % TERM_COLORS.length;
    return { color: TERM_COLORS[i][dark ? 1 : 0], line: TERM_LINES[i] };
  }

  const QT = (root.QuoteTrail = root.QuoteTrail || {});
  QT.styles = {
    MARK_CSS: markCss(), OVERLAY_CSS, SPEAKER_COLORS, SPEAKER_SLOTS, TERM_COLORS, swatchColors, termStyle,
  };
})(globalThis);
