// The gradient-flow explorer (docs/explorer.{ja,en}.md): pick a network, see what backpropagation
// does to it, from real runs. The numbers come from figgen's `explorer-grid` figure, cut into one
// small JSON file per (activation, initialization) pair (figgen/explorer_chunks.py); this script
// only fetches the file of the pair shown, draws three small SVG charts, fills the data table and
// writes one sentence from the numbers. All words are in the page (data-* attributes and the
// Markdown), so this file is the same for every language.
//
// The choice lives in the URL (?act=relu&init=he&depth=30&norm=none&res=0): a view can be shared,
// and articles link to presets.

(function () {
  const root = document.querySelector("[data-explorer]");
  if (!root) return;
  const form = root.querySelector("form");
  const words = root.dataset;
  const base = new URL(root.dataset.base, location.href);
  const chunks = new Map(); // "act-init" -> Promise of the chunk
  const FIELDS = { act: "activation", init: "init", depth: "depth", norm: "norm", res: "residual" };
  let shown = null; // { key, label, data }: what the charts show
  let faded = null; // what they showed before the last change: drawn faded, to compare

  function chunk(act, init) {
    const key = `${act}-${init}`;
    if (!chunks.has(key))
      chunks.set(key, fetch(new URL(`${key}.json`, base)).then(response => {
        if (!response.ok) throw new Error(`${key}.json: HTTP ${response.status}`);
        return response.json();
      }));
    return chunks.get(key);
  }

  function choice() {
    const data = new FormData(form);
    return {
      act: data.get("activation"), init: data.get("init"), depth: Number(data.get("depth")),
      norm: data.get("norm"), res: form.elements.residual.checked ? 1 : 0,
    };
  }

  function fromURL() {
    const params = new URLSearchParams(location.search);
    for (const [param, field] of Object.entries(FIELDS)) {
      if (!params.has(param)) continue;
      const element = form.elements[field];
      const value = params.get(param);
      if (element.type === "checkbox") element.checked = value === "1" || value === "on";
      else if ([...element.options].some(option => option.value === value)) element.value = value;
    }
  }

  function toURL(c) {
    const url = new URL(location.href);
    for (const [param, value] of Object.entries(c)) url.searchParams.set(param, String(value));
    history.replaceState(null, "", url);
  }

  function label(c) {
    const text = field => form.elements[field].selectedOptions[0].textContent.trim();
    const parts = [text("activation"), text("init"), `${c.depth} ${words.layers}`];
    if (c.norm !== "none") parts.push(text("norm"));
    if (c.res) parts.push(words.residual);
    return parts.join(" + ");
  }

  // ---- numbers ---------------------------------------------------------------------------------
  const finite = v => typeof v === "number" && Number.isFinite(v);

  const superscript = n => String(n).replace(/[-0-9]/g, d => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"["-0123456789".indexOf(d)]);

  function sci(v) {
    if (!finite(v)) return words.notFinite;
    if (v === 0) return "0";
    const exponent = Math.floor(Math.log10(Math.abs(v)));
    if (exponent >= -2 && exponent <= 3) return Number(v.toPrecision(3)).toString();
    const mantissa = v / 10 ** exponent;
    return `${mantissa.toFixed(1)}×10${superscript(exponent)}`;
  }

  function powerOfTen(v) {
    const exponent = Math.round(Math.log10(v));
    return `10${superscript(exponent)}`;
  }

  // ---- the sentence ----------------------------------------------------------------------------
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
  }

  function link(id, text) {
    const anchor = document.getElementById(id);
    return anchor ? `<a href="${anchor.getAttribute("href")}">${text}</a>` : text;
  }

  function sentence(c, data) {
    const first = data.grad[0], last = data.grad[data.grad.length - 1];
    const losses = data.loss.filter(finite);
    const parts = [];
    if (!finite(first) || !finite(last) || last === 0) {
      parts.push(fill(words.sayBroken, { config: label(c) }));
    } else {
      const ratio = first / last;
      const values = { config: label(c), ratio: powerOfTen(ratio), plain: sci(ratio), first: sci(first), last: sci(last) };
      if (ratio < 1e-3) parts.push(fill(words.sayVanishing, { ...values, term: link("explorer-link-vanishing", words.vanishing) }));
      else if (ratio > 1e3) parts.push(fill(words.sayExploding, { ...values, term: link("explorer-link-exploding", words.exploding) }));
      else parts.push(fill(words.sayHealthy, values));
    }
    if (losses.length < data.loss.length) parts.push(fill(words.sayDiverged, { term: link("explorer-link-clipping", words.clipping) }));
    else if (losses.length) parts.push(fill(words.sayLoss, { start: sci(losses[0]), end: sci(losses[losses.length - 1]) }));
    return parts.join(" ");
  }

  // ---- charts ----------------------------------------------------------------------------------
  const W = 340, H = 210, M = { left: 52, right: 10, top: 10, bottom: 34 };
  const SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function extent(values, log) {
    const usable = values.filter(v => finite(v) && (!log || v > 0));
    if (!usable.length) return log ? [1e-3, 1] : [0, 1];
    let lo = Math.min(...usable), hi = Math.max(...usable);
    if (log) {
      lo = Math.floor(Math.log10(lo)); hi = Math.ceil(Math.log10(hi));
      if (hi === lo) hi = lo + 1;
      return [lo, hi];
    }
    if (hi === lo) hi = lo + 1;
    return [Math.min(0, lo), hi];
  }

  function chart(svg, xs, series, { log, xLabel, yLabel }) {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const all = series.flatMap(s => s.y);
    const [lo, hi] = extent(all, log);
    const xMax = Math.max(...xs.flat(), 1), xMin = Math.min(...xs.flat(), 0);
    const px = x => M.left + (x - xMin) / (xMax - xMin || 1) * (W - M.left - M.right);
    const py = y => {
      const t = log ? (Math.log10(y) - lo) / (hi - lo) : (y - lo) / (hi - lo);
      return H - M.bottom - t * (H - M.top - M.bottom);
    };
    const axes = el("g", { class: "explorer-axis", "aria-hidden": "true" }, svg);
    el("line", { x1: M.left, y1: H - M.bottom, x2: W - M.right, y2: H - M.bottom }, axes);
    el("line", { x1: M.left, y1: M.top, x2: M.left, y2: H - M.bottom }, axes);
    const ticks = log ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : [lo, (lo + hi) / 2, hi];
    const every = Math.max(1, Math.ceil(ticks.length / 6));
    ticks.forEach((t, i) => {
      if (i % every) return;
      const y = log ? py(10 ** t) : py(t);
      el("line", { x1: M.left - 3, y1: y, x2: W - M.right, y2: y, class: "explorer-grid" }, axes);
      const text = el("text", { x: M.left - 5, y, "text-anchor": "end", "dominant-baseline": "middle" }, axes);
      text.textContent = log ? powerOfTen(10 ** t) : Number(t.toPrecision(2)).toString();
    });
    for (const x of [xMin, xMax]) {
      const text = el("text", { x: px(x), y: H - M.bottom + 14, "text-anchor": "middle" }, axes);
      text.textContent = String(x);
    }
    el("text", { x: (M.left + W - M.right) / 2, y: H - 4, "text-anchor": "middle" }, axes).textContent = xLabel;
    el("text", { x: 12, y: (H - M.bottom) / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${(H - M.bottom) / 2})` }, axes)
      .textContent = yLabel;
    series.forEach(s => {
      let d = "";
      let pen = false;
      s.y.forEach((y, i) => {
        if (!finite(y) || (log && y <= 0)) { pen = false; return; }
        d += `${pen ? "L" : "M"}${px(s.x[i]).toFixed(1)},${py(y).toFixed(1)}`;
        pen = true;
      });
      el("path", { d, class: `explorer-line explorer-line--${s.kind}`, "data-series": s.kind }, svg);
    });
  }

  function table(c, data) {
    const body = root.querySelector("[data-explorer-table] tbody");
    body.replaceChildren(...data.grad.map((g, i) => {
      const row = document.createElement("tr");
      for (const value of [String(i + 1), sci(g), sci(data.std[i])]) {
        const cell = document.createElement(row.children.length ? "td" : "th");
        if (!row.children.length) cell.scope = "row";
        cell.textContent = value;
        row.appendChild(cell);
      }
      return row;
    }));
    root.querySelector("[data-explorer-table] caption").textContent = fill(words.tableCaption, { config: label(c) });
    const loss = root.querySelector("[data-explorer-loss]");
    loss.textContent = fill(words.lossList, {
      values: data.steps.map((step, i) => `${step}: ${sci(data.loss[i])}`).join(", "),
    });
  }

  function draw(c, data) {
    const layers = values => values.map((_, i) => i + 1);
    const views = kind => [
      ...(faded ? [{ kind: "previous", x: kind === "loss" ? faded.data.steps : layers(faded.data[kind]), y: faded.data[kind] }] : []),
      { kind: "current", x: kind === "loss" ? data.steps : layers(data[kind]), y: data[kind] },
    ];
    const axes = { grad: [true, words.axisLayer, words.axisGrad], std: [true, words.axisLayer, words.axisStd],
                   loss: [false, words.axisStep, words.axisLoss] };
    for (const [kind, [log, xLabel, yLabel]] of Object.entries(axes)) {
      const series = views(kind);
      chart(root.querySelector(`[data-chart=${kind}]`), series.map(s => s.x), series, { log, xLabel, yLabel });
    }
    const legend = root.querySelector("[data-explorer-previous]");
    legend.hidden = !faded;
    if (faded) legend.querySelector("span").textContent = faded.label;
    root.querySelector("[data-explorer-current]").textContent = label(c);
  }

  const key = c => `${c.act}|${c.init}|${c.depth}|${c.norm}|${c.res}`;

  let request = 0;
  async function update() {
    const c = choice();
    toURL(c);
    const mine = ++request;
    root.setAttribute("aria-busy", "true");
    try {
      const data = (await chunk(c.act, c.init)).configs[`${c.depth}|${c.norm}|${c.res}`];
      if (mine !== request) return; // a newer choice was made meanwhile
      if (!data) throw new Error(`no run for ${key(c)}`);
      if (shown && shown.key !== key(c)) faded = shown;
      shown = { key: key(c), label: label(c), data };
      draw(c, data);
      table(c, data);
      root.querySelector("[data-explorer-sentence]").innerHTML = sentence(c, data);
      root.dataset.shown = key(c);
    } catch (error) {
      root.querySelector("[data-explorer-sentence]").textContent = words.failed;
      console.error(error);
    } finally {
      if (mine === request) root.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", event => { event.preventDefault(); update(); });

  fromURL();
  root.hidden = false;
  for (const node of document.querySelectorAll("[data-explorer-static]")) node.hidden = true;
  update();
})();
