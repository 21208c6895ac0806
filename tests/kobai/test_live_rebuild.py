"""kobai/live_rebuild.py: what changed between two snapshots of the watched files, and when a
save is rebuilt page by page. (The served result is compared with a full build in
tests/site/test_live_rebuild.py.)"""

from __future__ import annotations

import os
from pathlib import Path

from kobai import live_rebuild


def _touch(path: Path, text: str, later_ns: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if later_ns:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + later_ns))


def test_differences_name_changed_added_and_removed_files(tmp_path):
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    _touch(docs / "a.ja.md", "# A")
    _touch(docs / "sub" / "b.ja.md", "# B")
    _touch(docs / "c.ja.md", "# C")
    _touch(config, "site_name: x")
    before = live_rebuild.snapshot([str(docs), str(config)])
    _touch(docs / "sub" / "b.ja.md", "# B", later_ns=10**9)  # same size, newer
    _touch(docs / "d.ja.md", "# D")
    (docs / "c.ja.md").unlink()
    after = live_rebuild.snapshot([str(docs), str(config)])
    changed, added, removed = live_rebuild.differences(before, after)
    assert changed == {str(docs / "sub" / "b.ja.md")}
    assert added == {str(docs / "d.ja.md")}
    assert removed == {str(docs / "c.ja.md")}
    assert live_rebuild.differences(after, live_rebuild.snapshot([str(docs), str(config)])) == (set(), set(), set())


def test_a_path_watched_only_later_is_not_a_change(tmp_path):
    """The server starts watching mkdocs.yml's `watch:` entries after the first build."""
    docs, extra = tmp_path / "docs", tmp_path / "extra"
    _touch(docs / "a.ja.md", "# A")
    _touch(extra / "x.txt", "x")
    before = live_rebuild.snapshot([str(docs)])
    after = live_rebuild.snapshot([str(docs), str(extra)])
    assert live_rebuild.differences(before, after) == (set(), set(), set())


class _File:
    def __init__(self, path: Path):
        self.abs_src_path = str(path)
        self.src_uri = path.name
        self.page = None


class _Files:
    def __init__(self, *files):
        self._files = files

    def documentation_pages(self):
        return list(self._files)


def _recorded(tmp_path, full_builds: list) -> tuple[live_rebuild.LiveRebuild, Path]:
    docs = tmp_path / "docs"
    _touch(docs / "a.ja.md", "# A")
    _touch(docs / "notes.txt", "x")
    live = live_rebuild.LiveRebuild()
    live.record_nav("ja", nav=object(), files=_Files(_File(docs / "a.ja.md")))
    live.record_env("ja", env=object(), config=object())
    live.record_finished()
    live.attach(lambda: full_builds.append(1), lambda: [str(docs)])
    return live, docs


def test_anything_but_a_recorded_page_is_a_full_build(tmp_path):
    full_builds = []
    live, docs = _recorded(tmp_path, full_builds)
    _touch(docs / "notes.txt", "changed, not a page", later_ns=10**9)
    live()
    assert full_builds == [1]


def test_a_new_file_is_a_full_build_and_no_change_builds_nothing(tmp_path):
    full_builds = []
    live, docs = _recorded(tmp_path, full_builds)
    live()
    assert full_builds == []  # nothing the server watches changed
    _touch(docs / "b.ja.md", "# B")
    live()
    assert full_builds == [1]


def test_after_a_failed_full_build_every_save_is_a_full_build(tmp_path):
    full_builds = []
    live, docs = _recorded(tmp_path, full_builds)
    live.forget()  # a full build began and never finished
    live()
    assert full_builds == [1]


def test_pages_a_full_build_generated_before_reading_docs_are_not_changes_after_it(tmp_path):
    """The glossary, gallery and references pages are written into docs/ by `on_config`: the
    build that wrote them read them, so they must not start another full build."""
    full_builds = []
    live, docs = _recorded(tmp_path, full_builds)
    _touch(docs / "glossary" / "term.ja.md", "# generated")  # written during a build's on_config ...
    live.docs_read_from_now(str(docs))  # ... before its pages were read
    live()
    assert full_builds == []
