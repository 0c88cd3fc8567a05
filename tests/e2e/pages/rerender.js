// Re-renders the article the way client-side frameworks do: the old nodes are thrown away and new
// ones built. rerender(false) rebuilds the same text; rerender(true) rebuilds with a new paragraph.
const ARTICLE_TEXT = [
  '"We will reopen the library in June," Councillor Ben Okafor said at the meeting.',
  "The so-called savings plan closed the library last year, and readers have since used a mobile van.",
  "The council has not yet said how many staff will return when the building opens to the public again.",
  "Volunteers have offered to run a reading club for children during the summer holidays this year.",
];
const EXTRA = '"We will also open on Sundays," librarian Carla Diaz said.';

function render(withExtra) {
  const article = document.getElementById("story");
  const fresh = document.createElement("div");
  fresh.className = "story-body";
  for (const text of withExtra ? [...ARTICLE_TEXT, EXTRA] : ARTICLE_TEXT) {
    const p = document.createElement("p");
    p.textContent = text;
    fresh.appendChild(p);
  }
  article.querySelector(".story-body").replaceWith(fresh);
  window.renders = (window.renders || 0) + 1;
}

window.rerender = render;
document.addEventListener("DOMContentLoaded", () => render(false));
