// Kōbai's search worker: Material's own worker plus what it cannot do for this site.
//
// 1. Nothing until the reader opens search. Material fetches search/search_index.json and sends
//    it here on every page load; at build time kobai/search_index.py shrank that file to its
//    config and wrote one index per language (search_index.<lang>.json). This worker holds
//    Material's setup message back, and only when the page says, on a BroadcastChannel, that the
//    reader opened search (focus on the search box, the / or s key, a tap on the search icon;
//    overrides/main.html) does it load Material's worker and this page language's index.
// 2. Japanese queries. Japanese has no spaces, so at build time kobai/search_index.py splits
//    Japanese text in the index into words (janome, a morphological analyser) separated by
//    U+200B, which the search separator includes. A query is split the same way here: each run
//    of Japanese is cut into the longest words that the index actually contains, and all of
//    them are required ("バッチ正規化" -> "+バッチ* +正規* +化*"). Mixed katakana/kanji terms
//    and verb forms are found mid-sentence, with no dictionary in the browser.
// 3. Results without the U+200B separators (see the end of this file).
//
// Our listener is registered before Material's (its script is imported later), so it sees each
// message first and rewrites it in place.
//
// Written against mkdocs-material 9.8.1 (its worker's message types, index format and query
// syntax); tests/kobai/test_compat_material.py checks that this line names the pinned version.

const params = new URL(self.location.href).searchParams;
const INDEX = params.get("index");     // this page language's index, fetched when search opens
const CHANNEL = params.get("channel"); // where the page says that the reader opened search
const SETUP = 0; // Material's SearchMessageType.SETUP
const QUERY = 2; // Material's SearchMessageType.QUERY

// kobai/japanese.py LETTERS: hiragana, katakana (with ー), CJK ideographs (with 々〆); tests/kobai/test_search_worker.py checks the copy.
const JAPANESE = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]/;
const JAPANESE_RUN = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+/g;

let vocabulary = new Set();
let prefixes = new Set(); // every proper prefix of a vocabulary word
let longestWord = 1;

function buildVocabulary(docs, separator) {
  const words = new Set();
  const split = new RegExp(separator, "g"); // as Material compiles it
  for (const doc of docs)
    for (const field of [doc.title, doc.text])
      for (const word of String(field || "").replace(/<[^>]*>/g, " ").split(split))
        if (word && JAPANESE.test(word)) words.add(word.toLowerCase());
  return words;
}

// Cut one run of Japanese into the longest index words, left to right. A stretch that starts
// no index word (the end of a word typed without its beginning, say) must appear inside some
// word: it becomes "*stretch*". A stretch the site does not contain then matches nothing.
function greedyCut(run) {
  const pieces = [];
  let unknown = "";
  for (let i = 0; i < run.length; ) {
    let found = 0;
    for (let n = Math.min(longestWord, run.length - i); n > 0; n--)
      if (vocabulary.has(run.slice(i, i + n))) { found = n; break; }
    if (found) {
      if (unknown) { pieces.push(`*${unknown}`); unknown = ""; }
      pieces.push(run.slice(i, i + found));
      i += found;
    } else {
      unknown += run[i++];
    }
  }
  if (unknown) pieces.push(`*${unknown}`);
  return pieces;
}

// A reader types the beginning of a word: when the run's tail would only fall apart into single
// characters (ちょう -> ち ょ う, each a required word of its own) but begins some index word
// (ちょうど), that tail stays one piece and matches as a prefix. The same tail may also be a
// finished phrase that the text cut into those characters (実用にした -> し|た, though した begins
// したがって): so after other pieces the tail is optional (OPTIONAL marks it), ranking the pages
// that have it first without dropping those that cut it apart. Alone, it stays required.
const OPTIONAL = "?";

function segmentRun(run) {
  const pieces = greedyCut(run);
  for (let k = 0; k < pieces.length - 1; k++) {
    const tail = pieces.slice(k);
    const text = tail.join("");
    if (tail.every(piece => piece.length === 1) && prefixes.has(text))
      return k === 0 ? [text] : [...pieces.slice(0, k), OPTIONAL + text];
  }
  return pieces;
}

// Rewrite each whitespace-separated query word that contains Japanese; leave the rest to Material.
function segmentQuery(query) {
  return query.split(/\s+/).map(word => {
    if (!JAPANESE.test(word) || /^[+\-"]/.test(word) || word.includes('"')) return word;
    const pieces = [];
    let last = 0;
    for (const match of word.matchAll(JAPANESE_RUN)) {
      const before = word.slice(last, match.index).replace(/[*~^:]/g, "");
      if (before) pieces.push(before);
      pieces.push(...segmentRun(match[0].toLowerCase()));
      last = match.index + match[0].length;
    }
    const after = word.slice(last).replace(/[*~^:]/g, "");
    if (after) pieces.push(after);
    // Japanese text has no spaces, so a query may begin inside a longer word of the text
    // (着いて in 落ち着いて): a leading Japanese piece may match the end of a word.
    if (JAPANESE.test(pieces[0]) && !pieces[0].startsWith("*")) pieces[0] = `*${pieces[0]}`;
    return pieces.map(piece => piece.startsWith(OPTIONAL) ? `${piece.slice(1)}*` : `+${piece}*`).join(" ");
  }).join(" ").trim();
}

// Material 9.8's search() first re-cuts every run of kanji in the query by the index's terms that
// lie inside it (a rule that never keeps the whole run). Our query is already cut into index
// words, and its kanji runs often start a longer word (見積 in 見積もり): re-cut, they stop matching.
// So a rewritten query skips exactly that one replace() and nothing else.
const MATERIAL_KANJI_RUN = /\p{sc=Han}+/gu.source;

function keepOurCut(query) {
  const text = new String(query);
  text.replace = (pattern, replacement) =>
    pattern && pattern.source === MATERIAL_KANJI_RUN ? query : query.replace(pattern, replacement);
  return text;
}

self.addEventListener("message", event => {
  const message = event.data;
  if (message.type === SETUP) {
    const data = message.data;
    if (INDEX && !data.docs.length) { // the config-only index of the page load: wait for the reader
      held = message;
      if (opened) loadIndex();
      return;
    }
    vocabulary = buildVocabulary(data.docs, data.config.separator);
    longestWord = 1;
    prefixes = new Set();
    for (const word of vocabulary) {
      longestWord = Math.max(longestWord, word.length);
      for (let n = 1; n < word.length; n++) prefixes.add(word.slice(0, n));
    }
  } else if (message.type === QUERY && typeof message.data === "string") {
    const query = segmentQuery(message.data);
    message.data = query === message.data ? query : keepOurCut(query);
  }
});

// Results leave the worker without the U+200B word separators of the segmented index: a copied
// result title reads 勾配消失, not 勾配\u200b消失. Material posts its results with the global
// postMessage, so it is wrapped before Material's script is loaded.
const RESULT = 3; // Material's SearchMessageType.RESULT

function withoutSeparators(value) {
  if (typeof value === "string") return value.replace(/\u200b/g, "");
  if (Array.isArray(value)) return value.map(withoutSeparators);
  if (value && typeof value === "object") {
    const copy = {};
    for (const [key, item] of Object.entries(value)) copy[key] = withoutSeparators(item);
    return copy;
  }
  return value;
}

const postToPage = self.postMessage.bind(self);
self.postMessage = message => postToPage(message && message.type === RESULT ? withoutSeparators(message) : message);

// Loading on demand. `held` is Material's setup message, `opened` whether the reader opened
// search; either may come first. The page's channel also answers our "hello" (we may start after
// the reader pressed /), and a page without the channel gets everything at once as before.
let held = null;
let opened = false;
let material = false;

function loadMaterial() {
  if (!material) {
    importScripts(params.get("material"));
    material = true;
  }
}

async function loadIndex() {
  if (!held) return;
  const message = held;
  held = null;
  const response = await fetch(INDEX);
  if (!response.ok) throw new Error(`search index ${INDEX}: HTTP ${response.status}`);
  const index = await response.json();
  message.data.config = index.config;
  message.data.docs = index.docs;
  loadMaterial();
  self.dispatchEvent(new MessageEvent("message", { data: message })); // our listener, then Material's
}

function open() {
  opened = true;
  loadIndex();
}

if (INDEX && CHANNEL && typeof BroadcastChannel !== "undefined") {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = event => { if (event.data === "open") open(); };
  channel.postMessage("hello");
} else {
  opened = true;
  if (!INDEX) loadMaterial();
}
