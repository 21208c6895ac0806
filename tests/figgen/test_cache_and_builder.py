"""Cache hits and misses on edits, NaN handling, the data.json contract, atomic outputs."""

from __future__ import annotations

import csv
import json

from figgen import builder, hashing, registry
from figgen.cache import Cache


def _build(temp_figures, tmp_path, **kw):
    figure = temp_figures.figures()[0]
    return builder.build(figure, tmp_path / "out", "cpu", cache=Cache(tmp_path / "cache"), **kw)


def test_first_build_computes_then_nothing_runs(temp_figures, tmp_path):
    assert _build(temp_figures, tmp_path).status == "computed"
    assert _build(temp_figures, tmp_path).status == "fresh"


def test_editing_only_the_drawing_redraws_without_training(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    temp_figures.edit("tiny", 'ax.set_title("小さな図" if lang == "ja" else "tiny")', 'ax.set_title("図" if lang == "ja" else "fig")')
    svg_before = (tmp_path / "out" / "tiny" / "tiny.en.svg").read_text()
    assert _build(temp_figures, tmp_path).status == "drawn"
    assert (tmp_path / "out" / "tiny" / "tiny.en.svg").read_text() != svg_before


def test_editing_a_caption_redraws_without_training(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    temp_figures.edit("tiny", 'en="A caption."', 'en="A better caption."')
    assert _build(temp_figures, tmp_path).status == "drawn"
    data = json.loads((tmp_path / "out" / "tiny" / "data.json").read_text())
    assert data["caption"]["en"] == "A better caption."


def test_editing_the_computation_or_config_retrains(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    temp_figures.edit("tiny", 'CONFIG = {"seed": 0, "n": 5}', 'CONFIG = {"seed": 0, "n": 6}')
    assert _build(temp_figures, tmp_path).status == "computed"
    temp_figures.edit("tiny", "float(i) ** 2", "float(i) ** 3")
    assert _build(temp_figures, tmp_path).status == "computed"


def test_force_retrains_a_fresh_figure(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    assert _build(temp_figures, tmp_path, force=True).status == "computed"


def test_shared_training_loop_edit_retrains_exactly_the_figures_that_use_it(monkeypatch):
    figures = {f.id: f for f in registry.figures()}
    before = {fid: hashing.compute_hash(f, "cpu", "2.13.0") for fid, f in figures.items()}
    real_source = hashing._source

    def edited(name):
        source = real_source(name)
        return source + "\n# an edit\n" if name == "figgen.training" else source

    monkeypatch.setattr(hashing, "_source", edited)
    after = {fid: hashing.compute_hash(f, "cpu", "2.13.0") for fid, f in figures.items()}
    changed = {fid for fid in figures if before[fid] != after[fid]}
    users = {fid for fid, f in figures.items() if "figgen.training" in hashing.compute_dependencies(f.module)}
    assert changed == users
    assert {"vanishing-depth", "init-xavier-he"} <= users and "activation-derivatives" not in users


def test_style_edits_redraw_but_never_retrain(monkeypatch):
    figure = next(f for f in registry.figures() if f.id == "init-xavier-he")
    compute_before = hashing.compute_hash(figure, "cpu", "x")
    draw_before = hashing.draw_hash(figure, compute_before, "m")
    real_source = hashing._source
    monkeypatch.setattr(hashing, "_source", lambda n: real_source(n) + ("\n# restyled\n" if n == "figgen.style" else ""))
    assert hashing.compute_hash(figure, "cpu", "x") == compute_before
    assert hashing.draw_hash(figure, compute_before, "m") != draw_before


def test_device_and_torch_version_are_part_of_the_key():
    figure = registry.figures()[0]
    assert hashing.compute_hash(figure, "cpu", "2.13.0") != hashing.compute_hash(figure, "cuda", "2.13.0")
    assert hashing.compute_hash(figure, "cpu", "2.13.0") != hashing.compute_hash(figure, "cpu", "2.14.0")


def test_nan_and_inf_become_null_and_do_not_crash(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    folder = tmp_path / "out" / "tiny"
    data = json.loads((folder / "data.json").read_text())  # strict JSON: no NaN literal
    broken = next(s for s in data["series"] if s["name"] == "broken")
    assert broken["y"] == [1.0, None, None, 2.0]
    rows = [r for r in csv.DictReader((folder / "data.csv").open()) if r["series"] == "broken"]
    assert [r["y"] for r in rows] == ["1.0", "", "", "2.0"]
    for lang in ("ja", "en"):
        assert (folder / f"tiny.{lang}.svg").read_text().startswith("<?xml")


def test_data_json_follows_the_public_contract(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    data = json.loads((tmp_path / "out" / "tiny" / "data.json").read_text())
    assert {"id", "title", "caption", "meta", "series"} <= set(data)
    assert set(data["title"]) == set(data["caption"]) == {"ja", "en"}
    assert {"seed", "torch", "device", "seconds", "code_hash", "config"} <= set(data["meta"])
    assert all({"name", "x", "y"} == set(s) for s in data["series"])


def test_svg_has_no_timestamp_and_japanese_is_drawn(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    svg = (tmp_path / "out" / "tiny" / "tiny.ja.svg").read_text()
    assert "<dc:date>" not in svg
    assert "<text" not in svg and "<path" in svg  # glyphs as paths: no font needed, no tofu


def test_no_temporary_folders_are_left_behind(temp_figures, tmp_path):
    _build(temp_figures, tmp_path)
    _build(temp_figures, tmp_path, force=True)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["tiny"]
    assert not [p for p in (tmp_path / "cache").rglob("*.tmp")]


def test_a_long_lived_process_runs_the_edited_code_it_hashes(temp_figures, tmp_path):
    """`mkdocs serve` keeps one process: an edit between two builds must compute with the new code
    (not the module imported first), store it under the new hash, and keep the cache truthful."""
    from figgen import runner

    out, cache = tmp_path / "out", Cache(tmp_path / "cache")
    build = lambda: runner.run(registry.figures(temp_figures.name, fresh=True), out, "cpu", False, 1, cache,  # noqa: E731
                               temp_figures.name, isolate=True)
    build()
    line = lambda: next(s for s in json.loads((out / "tiny" / "data.json").read_text())["series"] if s["name"] == "line")  # noqa: E731
    assert line()["y"] == [0, 1, 4, 9, 16]
    path = temp_figures.dir / "tiny.py"  # edited on disk only, as an editor does: nothing forgotten
    path.write_text(path.read_text().replace("float(i) ** 2", "float(i) ** 3 + 0.5"), encoding="utf-8")
    [result] = build()
    assert result.status == "computed"
    assert line()["y"] == [0.5, 1.5, 8.5, 27.5, 64.5]
    [entry] = (tmp_path / "cache" / "data").glob("tiny-*.json")
    figure = registry.figures(temp_figures.name, fresh=True)[0]
    assert entry.name == f"tiny-{builder.hashes(figure, 'cpu')[0]}.json"
    assert [s["y"] for s in json.loads(entry.read_text())["series"] if s["name"] == "line"] == [[0.5, 1.5, 8.5, 27.5, 64.5]]


def test_a_failing_figure_names_itself_and_the_others_still_build(temp_figures, tmp_path):
    from figgen import runner

    temp_figures.write("broken", '''
from figgen.figure import Figure, Series, Text


def compute(config, ctx):
    return [Series("x", [0], [1 / config["zero"]])]


def draw(series, lang, config):
    raise AssertionError("never drawn")


FIGURE = Figure(id="broken", title=Text(ja="壊れた図", en="Broken"), caption=Text(ja="説明。", en="Caption."),
                alt=Text(ja="代替", en="alt"), compute=compute, draw=draw, config={"seed": 0, "zero": 0})
''')
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        try:
            runner.run(temp_figures.figures(), out, "cpu", False, jobs, Cache(tmp_path / "cache"), temp_figures.name)
        except runner.BuildFailed as error:
            [failure] = error.failures
            assert failure.figure_id == "broken" and "ZeroDivisionError" in str(error)
            assert "Traceback" in error.report() and 'in compute' in error.report()
        else:
            raise AssertionError("the broken figure must fail the run")
        assert (out / "tiny" / "data.json").exists() and not (out / "broken").exists()


def test_a_figures_extra_files_are_made_in_the_draw_stage(temp_figures, tmp_path):
    """`files="module:function"` cuts data.json into more published files; editing that function
    redraws (new files) and never retrains."""
    temp_figures.write("cuts", 'import json\n\ndef files(data):\n'
                       '    return {f"{s[\'name\']}.json": json.dumps(s["y"]) for s in data["series"]}\n')
    temp_figures.edit("tiny", 'terms=("gradient",),', f'terms=("gradient",), files="{temp_figures.name}.cuts:files",')
    assert _build(temp_figures, tmp_path).status == "computed"
    folder = tmp_path / "out" / "tiny"
    assert json.loads((folder / "line.json").read_text()) == [0.0, 1.0, 4.0, 9.0, 16.0]
    assert json.loads((folder / "broken.json").read_text()) == [1.0, None, None, 2.0], "what data.json says: null"
    temp_figures.write("cuts", 'def files(data):\n    return {"all.csv": "n\\n" + str(len(data["series"]))}\n')
    assert _build(temp_figures, tmp_path).status == "drawn"
    assert (folder / "all.csv").read_text() == "n\n2" and not (folder / "line.json").exists()


def test_extra_files_may_not_replace_the_data_contract(temp_figures, tmp_path):
    temp_figures.write("cuts", 'def files(data):\n    return {"data.json": "{}"}\n')
    temp_figures.edit("tiny", 'terms=("gradient",),', f'terms=("gradient",), files="{temp_figures.name}.cuts:files",')
    try:
        _build(temp_figures, tmp_path)
    except builder.FigureFailed as error:
        assert "data.json" in str(error) and error.figure_id == "tiny"
    else:
        raise AssertionError("a figure's extra file replaced data.json")
