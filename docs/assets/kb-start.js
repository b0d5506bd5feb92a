/* What a page runs before it is drawn, from one cached file instead of inline in every page
   (1.2 KB of each): Material's start script (its partials/javascripts/base.html, with the scope
   read from this file's own address, the root of the page's language, which is the base URL
   Material would write) and its palette script (partials/javascripts/palette.html, called from
   the header once the palette's inputs exist: overrides/partials/header.html), as Material 9
   writes them; and the class that tells the style sheet scripts will run (kb.css). */
__md_scope = new URL("..", document.currentScript.src);
__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {}
};
document.documentElement.classList.add("kb-js");

function kbApplyPalette() {
  var palette = __md_get("__palette");
  if (palette && palette.color) {
    if ("(prefers-color-scheme)" === palette.color.media) {
      var media = matchMedia("(prefers-color-scheme: light)"),
          input = document.querySelector(media.matches
            ? "[data-md-color-media='(prefers-color-scheme: light)']"
            : "[data-md-color-media='(prefers-color-scheme: dark)']");
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (var [key, value] of Object.entries(palette.color))
      document.body.setAttribute("data-md-color-" + key, value);
  }
}
