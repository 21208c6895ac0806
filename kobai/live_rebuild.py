"""Under `mkdocs serve`, a save that changes only the text of existing pages rebuilds only them.

`mkdocs serve` rebuilds the whole site, both languages, on every save: about 12 s here before a
writer sees one changed sentence. MkDocs' own `--dirty` cannot help with mkdocs-static-i18n (see
kobai/plugin.py). This module puts itself in front of the serve builder:

- Before each build it takes a snapshot (modification time and size) of every file the server
  watches (docs/, mkdocs.yml, the glossary terms, figgen's package, the bibliography, ...) and
  compares it with the one taken before the previous build.
- When the only differences are Markdown pages that the last full build rendered, each of them is
  rendered again through MkDocs' own two steps for one page (Markdown with every plugin's page
  events, then the theme template and `on_post_page`), in its own language, with the files,
  navigation and template environment that build recorded, and written over the served page.
- Anything else is a full build, as before: a new, deleted or renamed file; any change outside
  the page sources (a term, a figure, the config, the theme, a notebook); an edited page whose
  title or front matter changed (other pages' navigation shows it); the first build; and every
  build after a failed one. A save that changed nothing the server watches (an editor's
  temporary file come and gone) builds nothing.

What a page-only rebuild leaves as it was, until the next full build: the search index (its
entries for the edited page), and the pages generated from every article at the start of a
build: a glossary term's list of the articles it appears in, the gallery's "shown in", the
references page's citing pages. The log says so at each page-only rebuild.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kobai.compat import mkdocs as mkdocs_compat
from kobai.compat import static_i18n

log = logging.getLogger("mkdocs.plugins.kobai")

Snapshot = dict[str, dict[str, tuple[int, int]]]  # watched path -> {file: (mtime_ns, size)}


def snapshot(paths: Iterable[str]) -> Snapshot:
    """Modification time and size of every file under each watched path (a file or a folder)."""
    return {os.path.abspath(root): _files_under(root) for root in paths}


def _files_under(root: str) -> dict[str, tuple[int, int]]:
    files = {}
    walk = [(os.path.dirname(root), (), (os.path.basename(root),))] if os.path.isfile(root) else os.walk(root)
    for folder, _, names in walk:
        for name in names:
            path = os.path.abspath(os.path.join(folder, name))
            try:
                stat = os.stat(path)
            except OSError:
                continue  # deleted between the listing and the stat: it is not there
            files[path] = (stat.st_mtime_ns, stat.st_size)
    return files


def differences(before: Snapshot, after: Snapshot) -> tuple[set[str], set[str], set[str]]:
    """(changed, added, removed) files, under the paths watched at both times (the server starts
    watching some paths, `watch:` in mkdocs.yml, only after the first build)."""
    changed, added, removed = set(), set(), set()
    for root in before.keys() & after.keys():
        old, new = before[root], after[root]
        changed |= {path for path, key in new.items() if path in old and old[path] != key}
        added |= new.keys() - old.keys()
        removed |= old.keys() - new.keys()
    return changed, added, removed


def _describe(changed: set[str], added: set[str], removed: set[str]) -> str:
    parts = [f"{len(paths)} {what} ({min(paths)}{', ...' if len(paths) > 1 else ''})"
             for what, paths in (("changed", changed), ("added", added), ("removed", removed)) if paths]
    return ", ".join(parts)


@dataclass
class LanguageBuild:
    """What one language's pass of the last full build used to write its pages."""

    language: str
    files: object = None  # mkdocs Files (static-i18n's per-language file list)
    nav: object = None
    env: object = None  # the theme's Jinja environment of that pass
    pages: dict[str, object] = field(default_factory=dict)  # absolute source path -> File


class LiveRebuild:
    """The serve builder's stand-in: page-only rebuilds where they are exact, full builds otherwise.

    The kobai plugin records each full build as it happens (`forget`, `record_nav`, `record_env`,
    `record_finished`); `attach` puts this object in place of the server's builder.
    """

    def __init__(self) -> None:
        self._full_build: Callable[[], None] | None = None
        self._watched: Callable[[], Iterable[str]] = lambda: ()
        self._seen: Snapshot | None = None
        self._config = None
        self._languages: dict[str, LanguageBuild] = {}
        self._complete = False  # the recorded state is that of a build that finished

    def attach(self, full_build: Callable[[], None], watched: Callable[[], Iterable[str]]) -> None:
        """Called once the first build is done and the server knows what it watches."""
        self._full_build, self._watched = full_build, watched
        self._seen = snapshot(watched())

    # -- recorded by the kobai plugin during a full build ---------------------------------------

    def forget(self) -> None:
        self._languages, self._config, self._complete = {}, None, False

    def record_nav(self, language: str, nav, files) -> None:
        build = self._languages.setdefault(language, LanguageBuild(language))
        build.nav, build.files = nav, files
        build.pages = {os.path.abspath(f.abs_src_path): f for f in files.documentation_pages() if f.abs_src_path}

    def record_env(self, language: str, env, config) -> None:
        self._languages.setdefault(language, LanguageBuild(language)).env = env
        self._config = config

    def docs_read_from_now(self, docs_dir: str) -> None:
        """Called when every plugin has run `on_config` (pages generated into docs/ by the glossary,
        figgen's gallery and the bibliography are written) and before any page is read: docs/ as
        it is now is what this build reads, so the next save is compared with it (the generated
        pages that changed are in this build already; comparing with the state from before the
        build would rebuild everything once more)."""
        root = os.path.abspath(docs_dir)
        if self._seen is not None and root in self._seen:
            self._seen[root] = _files_under(root)

    def record_finished(self) -> None:
        self._complete = True

    # -- the builder -------------------------------------------------------------------------------

    def __call__(self) -> None:
        now = snapshot(self._watched())
        changed, added, removed = differences(self._seen or {}, now)
        if self._complete and not (changed or added or removed):
            log.info("kobai: no watched file changed, nothing to rebuild")
            return
        if self._complete and not (added or removed) and self._rebuild_pages(sorted(changed)):
            self._seen = now
            return
        if self._complete:
            log.info("kobai: full rebuild: %s", _describe(changed, added, removed))
        self._seen = now  # what this full build reads; a save during it shows at the next call
        assert self._full_build is not None, "attach() first"
        self._full_build()

    def _rebuild_pages(self, paths: list[str]) -> bool:
        """Render and write these pages again; False (nothing written) when a full build is needed."""
        targets = []
        for path in paths:
            found = [(build, build.pages[path]) for build in self._languages.values()
                     if path in build.pages and build.pages[path].page is not None]
            if not path.endswith(".md") or not found:
                return False  # not the text of a page the last build rendered
            targets += found
        started = time.perf_counter()
        rendered = []
        for build, file in targets:
            page = file.page
            before = (page.title, dict(page.meta))
            static_i18n.build_language(self._config, build.language)
            mkdocs_compat.render_page(page, self._config, build.files)
            if (page.title, page.meta) != before:
                log.info("kobai: %s changed its title or front matter: full rebuild", file.src_uri)
                return False
            rendered.append((build, file))
        for build, file in rendered:
            static_i18n.build_language(self._config, build.language)
            mkdocs_compat.write_page(file.page, self._config, build.files, build.nav, build.env)
        log.info("kobai: rebuilt %s in %.2f s (the search index, and the glossary, gallery and references "
                 "lists of where things appear, follow at the next full build)",
                 ", ".join(file.src_uri for _, file in rendered), time.perf_counter() - started)
        return True
