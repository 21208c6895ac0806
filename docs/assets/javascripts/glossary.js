// Glossary index filter: instant, keyboard-friendly, on top of a full list that works without JS.
// Each <li> carries data-search: headword, synonyms, English, reading (hiragana), romaji variants,
// all normalised at build time (NFKC, lowercase, katakana as hiragana). The query is normalised the
// same way here, so こうばい, コウバイ, kōbai, koubai and kobai all find 勾配.
document$.subscribe(() => {
  const box = document.querySelector(".glossary-filter");
  if (!box) return;
  const input = box.querySelector("input");
  const count = box.querySelector(".glossary-filter__count");
  const none = box.querySelector(".glossary-filter__none");
  const items = Array.from(document.querySelectorAll(".glossary-list > li"));
  const sections = Array.from(document.querySelectorAll(".glossary-list"));
  const label = box.dataset.countLabel || "";
  const normalise = text => text.normalize("NFKC").toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, c => String.fromCharCode(c.charCodeAt(0) - 0x60)).trim();

  function apply() {
    const query = normalise(input.value);
    let shown = 0;
    for (const item of items) {
      const match = !query || item.dataset.search.includes(query);
      item.hidden = !match;
      if (match) shown++;
    }
    for (const list of sections) {  // hide a letter's heading when none of its terms match
      const empty = !list.querySelector("li:not([hidden])");
      list.hidden = empty;
      const heading = list.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = empty;
    }
    count.textContent = `${shown} / ${items.length} ${label}`;
    none.hidden = shown !== 0;
  }

  box.hidden = false;
  input.addEventListener("input", apply);
  input.addEventListener("keydown", event => {
    if (event.key === "Escape") { input.value = ""; apply(); }
    if (event.key === "Enter") {  // open the first match
      const first = items.find(item => !item.hidden);
      if (first) first.querySelector("a").click();
    }
  });
  apply();
});
