// Unit tests of the search worker's query segmentation (docs/assets/javascripts/workers/kobai-search.js),
// run with Node's own test runner: node --test tests/js/
// The worker runs in a sandbox with a stub `self`; its listeners are driven with Material's messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../docs/assets/javascripts/workers/kobai-search.js", import.meta.url), "utf8");
const SEPARATOR = "[\\s\\u200b\\-、。,，:：!！?？=\\[\\]()（）「」『』【】・\"/]+|\\.(?!\\d)|&[lg]t;";

function worker(docs) {
  const listeners = [];
  const posted = [];
  const self = { location: { href: "https://example.org/w.js?material=m.js" },
                 addEventListener: (type, fn) => listeners.push(fn), postMessage: message => posted.push(message) };
  vm.runInNewContext(SOURCE, { self, importScripts: () => {}, URL });
  const send = message => { for (const fn of listeners) fn({ data: message }); return message; };
  const setup = send({ type: 0, data: { docs, config: { separator: SEPARATOR } } });
  // what Material's worker would post: a message through the (wrapped) global postMessage
  const post = message => { self.postMessage(message); return posted.at(-1); };
  return { setup, post, query: q => String(send({ type: 2, data: q }).data), raw: q => send({ type: 2, data: q }).data };
}

// A worker as the page starts it: with this language's index URL and a channel name. Records what
// it imports, fetches and dispatches, and lets the test speak for the page on the channel.
function lazyWorker(index) {
  const listeners = [];
  const log = [];
  const channels = [];
  class BroadcastChannel {
    constructor(name) { this.name = name; channels.push(this); }
    postMessage(data) { log.push(["channel", this.name, data]); }
  }
  class MessageEvent { constructor(type, init) { this.type = type; this.data = init.data; } }
  const self = {
    location: { href: "https://example.org/w.js?material=m.js&index=https%3A%2F%2Fexample.org%2Fsearch%2Fsearch_index.ja.json&channel=c1" },
    addEventListener: (type, fn) => listeners.push(fn),
    postMessage: message => log.push(["post", message]),
    dispatchEvent: event => { log.push(["dispatch", event.data.data.docs.length]); for (const fn of listeners) fn(event); },
  };
  const fetch = async url => { log.push(["fetch", url]); return { ok: true, json: async () => index }; };
  vm.runInNewContext(SOURCE, { self, importScripts: url => log.push(["import", url]), URL, BroadcastChannel, MessageEvent, fetch });
  const setup = { type: 0, data: { docs: [], config: { separator: SEPARATOR }, options: { suggest: true } } };
  return {
    log,
    setup: () => { for (const fn of listeners) fn({ data: setup }); return setup; },
    open: () => channels[0].onmessage({ data: "open" }),
    query: q => { const message = { type: 2, data: q }; for (const fn of listeners) fn({ data: message }); return String(message.data); },
    settle: () => new Promise(resolve => setTimeout(resolve, 0)),
  };
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

test("nothing is imported or fetched until the page says the reader opened search", async () => {
  const index = { config: { separator: SEPARATOR, pipeline: [] }, docs: DOCS.slice(0, 2) };
  const w = lazyWorker(index);
  assert.deepEqual(w.log, [["channel", "c1", "hello"]]);
  const setup = w.setup();
  await w.settle();
  assert.deepEqual(w.log, [["channel", "c1", "hello"]], "the config-only setup of the page load is held back");
  w.open();
  await w.settle();
  assert.deepEqual(w.log.slice(1), [["fetch", "https://example.org/search/search_index.ja.json"], ["import", "m.js"], ["dispatch", 2]]);
  assert.equal(setup.data.docs.length, 2);
  assert.deepEqual(setup.data.config.pipeline, [], "the language's own index config replaces the stub's");
  assert.equal(setup.data.options.suggest, true, "Material's options are kept");
});

test("the reader may open search before Material's setup arrives; the index is loaded once", async () => {
  const w = lazyWorker({ config: { separator: SEPARATOR }, docs: DOCS.slice(0, 2) });
  w.open();
  w.open();
  await w.settle();
  assert.equal(w.log.filter(([kind]) => kind === "fetch").length, 0);
  w.setup();
  await w.settle();
  w.open();
  await w.settle();
  assert.equal(w.log.filter(([kind]) => kind === "fetch").length, 1);
  assert.equal(w.log.filter(([kind]) => kind === "import").length, 1);
});

test("a Japanese query is cut with the words of the index loaded on demand", async () => {
  const w = lazyWorker({ config: { separator: SEPARATOR }, docs: DOCS.slice(0, 2) });
  w.setup();
  w.open();
  await w.settle();
  assert.equal(w.query("バッチ正規化"), "+*バッチ* +正規* +化*");
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
