// Unit tests of the search worker's query segmentation (docs/assets/javascripts/workers/kobai-search.js),
// run with Node's own test runner: node --test tests/js/
// The worker runs in a sandbox with a stub `self`; its listeners are driven with Material's messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../docs/assets/javascripts/workers/kobai-search.js", import.meta.url), "utf8");
const SEPARATOR = "[\\s\\u200b\\-、。,，:：!！?？=\\[\\]()（）「」『』【】・\"/]+|\\.(?!\\d)|&[lg]t;";

function worker(docs, lang = "ja") {
  const listeners = [];
  const posted = [];
  const self = { location: { href: `https://example.org/w.js?lang=${lang}&default=ja&languages=ja,en` },
                 addEventListener: (type, fn) => listeners.push(fn), postMessage: message => posted.push(message) };
  vm.runInNewContext(SOURCE, { self, importScripts: () => {}, URL });
  const send = message => { for (const fn of listeners) fn({ data: message }); return message; };
  const setup = send({ type: 0, data: { docs, config: { separator: SEPARATOR } } });
  // what Material's worker would post: a message through the (wrapped) global postMessage
  const post = message => { self.postMessage(message); return posted.at(-1); };
  return { setup, post, query: q => String(send({ type: 2, data: q }).data), raw: q => send({ type: 2, data: q }).data };
}

const DOCS = [
  { location: "remedies/normalization/", title: "バッチ\u200b正規\u200b化", text: "バッチ\u200b正規\u200b化\u200bは\u200b学習\u200bを\u200b安定\u200bさせる" },
  { location: "problems/vanishing/", title: "勾配\u200b消失", text: "勾配\u200bが\u200b小さく\u200bなる\u200b落ち着い\u200bて" },
  { location: "en/problems/vanishing/", title: "Vanishing gradients", text: "gradients vanish" },
];

test("a mixed katakana/kanji word is cut into the index's longest words, all required", () => {
  assert.equal(worker(DOCS).query("バッチ正規化"), "+*バッチ* +正規* +化*");
});

test("a verb form splits at the index's own word boundaries", () => {
  assert.equal(worker(DOCS).query("小さくなる"), "+*小さく* +なる*");
});

test("a query that starts inside a longer word may match its end", () => {
  // 着い starts no index word: it must appear inside one (落ち着い); て is a word of its own
  assert.equal(worker(DOCS).query("着いて"), "+*着い* +て*");
});

test("Latin words and Material's query syntax are left alone", () => {
  const w = worker(DOCS);
  assert.equal(w.query("relu"), "relu");
  assert.equal(w.query('"勾配消失"'), '"勾配消失"');
  assert.equal(w.query("-勾配"), "-勾配");
});

test("a Latin prefix stays a required piece of a mixed query", () => {
  assert.equal(worker(DOCS).query("He勾配"), "+He* +勾配*");
});

test("only the page language's documents are kept", () => {
  assert.deepEqual(worker(DOCS, "ja").setup.data.docs.map(d => d.location), ["remedies/normalization/", "problems/vanishing/"]);
  assert.deepEqual(worker(DOCS, "en").setup.data.docs.map(d => d.location), ["en/problems/vanishing/"]);
});

test("the typed beginning of a word stays one prefix piece instead of falling into single characters", () => {
  const docs = [...DOCS, { location: "practice/monitoring/", title: "x", text: "点線\u200bは\u200bちょうど 0" },
                { location: "glossary/", title: "y", text: "ち ょ う" }];
  const w = worker(docs);
  assert.equal(w.query("ちょう"), "+*ちょう*");
  assert.equal(w.query("点線はちょう"), "+*点線* +は* ちょう*"); // after other pieces: optional (next test)
  assert.equal(w.query("バッチ正規化"), "+*バッチ* +正規* +化*"); // whole words still cut as before
});

test("a finished phrase whose end the text cut into characters is still found: that tail is optional", () => {
  // した begins an index word (したがって), but this sentence was cut 実用|に|し|た
  const docs = [...DOCS, { location: "glossary/resnet/", title: "r", text: "実用\u200bに\u200bし\u200bた" },
                { location: "basics/gradient/", title: "g", text: "したがって" }];
  const w = worker(docs);
  assert.equal(w.query("実用にした"), "+*実用* +に* した*");
  assert.equal(w.query("した"), "+*した*"); // typed alone, the prefix piece stays required
});

test("Material's re-cut of kanji runs is skipped for a query the worker cut, and only that replace()", () => {
  const docs = [...DOCS, { location: "glossary/sgd/", title: "z", text: "勾配\u200bを\u200b見積もり、w" }];
  const data = worker(docs).raw("見積もり");
  assert.equal(String(data), "+*見積もり*");
  // what Material 9.8's search() does first, then its other string handling
  assert.equal(data.replace(new RegExp("\\p{sc=Han}+", "gu"), s => [...s].join("* ")), "+*見積もり*");
  assert.equal(data.replace(/\*/g, ""), "+見積もり");
  assert.equal(worker(docs).raw("relu"), "relu"); // untouched queries stay plain strings
});

test("results reach the page without the index's U+200B separators; other messages pass untouched", () => {
  const w = worker(DOCS);
  const result = { type: 3, data: { items: [[{ location: "problems/vanishing/", title: "勾配\u200b消失",
                                                text: "<mark>勾配</mark>\u200bが\u200b小さく", score: 1.5, terms: { "勾配": true } }]] } };
  const out = w.post(result);
  assert.equal(out.data.items[0][0].title, "勾配消失");
  assert.equal(out.data.items[0][0].text, "<mark>勾配</mark>が小さく");
  assert.equal(out.data.items[0][0].score, 1.5);
  const ready = { type: 1 };
  assert.equal(w.post(ready), ready);
  assert.ok(!JSON.stringify(out).includes("\u200b"));
});
