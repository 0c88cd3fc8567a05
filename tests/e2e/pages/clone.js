// Two ways pages copy their article. reserialize(): the article's HTML is read and written back
// (innerHTML = innerHTML). hydrate(): the article is replaced by a deep clone of itself.
window.reserialize = () => {
  const story = document.getElementById("story");
  story.innerHTML = story.innerHTML;
};
window.hydrate = () => {
  const story = document.getElementById("story");
  story.replaceWith(story.cloneNode(true));
};
