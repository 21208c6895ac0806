"""The `kobai` MkDocs plugin: a thin adapter over kobai's modules.

Hook order matters here, because mkdocs-static-i18n builds the whole site once per language
(its `on_post_build` calls `build()` again for each other language, into site/<lang>/):

- `on_config` runs first (priority 100): it refuses a docs tree with untranslated pages (under
  `mkdocs serve` it only warns, so a writer can save one language before the other), and makes
  MkDocs itself treat notebooks as page sources, before mkdocs-jupyter and static-i18n look at
  the files (static-i18n rebuilds File objects and would drop mkdocs-jupyter's marking).
- `on_pre_build` remembers the site root (outer build) and gives mkdocs-jupyter a cache folder per
  language, so that one language's build does not evict the other's executed notebooks.
- `on_page_content` joins Japanese lines that the Markdown source broke (no stray spaces), and
  fixes notebook pages before the search plugin indexes them: Japanese heading anchors, unused
  scripts removed, scrolling code cells and tables focusable, the inline Jupyter CSS moved
  into one shared stylesheet, and inline output images moved into lazy files beside the page.
- `on_post_page` typesets the math of the finished page with KaTeX (kobai/math_html.py): after the
  search plugin has indexed the content, so the index keeps the TeX; a formula KaTeX rejects stops
  the build. Pages with math, and only they, link KaTeX's stylesheet.
- `on_post_build` runs last (priority -200). In the outer build, static-i18n has by then built
  every language and merged their search entries into one index: the Japanese in it is segmented
  into words, and the shared stylesheet is written (pruned to the rules the notebook pages of
  both languages use, then linked from them).

Under `mkdocs serve` (not `--dirty`), `on_serve` hands each save to kobai/live_rebuild.py, which
rebuilds only the edited pages when nothing else changed; `on_nav` and `on_env` record, per
language, what it needs from the last full build.

A build writes into a temporary folder beside `site_dir` and is swapped in only when every
language has been built (`on_config` redirects, `on_post_build` swaps, `on_build_error` throws the
half-built folder away): a failed build leaves the previous site whole. `mkdocs serve` and
`--dirty` builds write in place, as MkDocs does.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import normalize_url

from kobai import (atomic, build_cache, cjk_lines, compat, i18n, katex, katex_fonts, katex_subset, live_rebuild, lossless_webp, math_html, notebook_css,
                   notebook_images, notebooks, search_index, twins)
from kobai.config import KobaiConfig

log = logging.getLogger("mkdocs.plugins.kobai")

KATEX_CSS = "assets/vendor/katex/katex.min.css"  # under docs/, published as is


class KobaiPlugin(BasePlugin[KobaiConfig]):
    def __init__(self) -> None:
        self._stylesheet = notebook_css.SharedStylesheet(notebook_css.KOBAI_NOTEBOOK_CSS.read_text(encoding="utf-8"))
        self._site_root: Path | None = None
        self._slugify = None
        self._serving = False
        self._dirty = False
        self._final_site_dir: Path | None = None  # where the site goes once the build succeeded
        self._building_in: Path | None = None
        self._renders: katex.StoredRenders | None = None  # formulas rendered by earlier builds
        self._webp_twins: lossless_webp.StoredTwins | None = None  # notebook figures' WebP twins, likewise
        self._search_entries: build_cache.KeptAnswers | None = None  # Material's search entries per page, likewise
        self._rendered_pages: build_cache.KeptAnswers | None = None  # Markdown pages rendered to HTML, likewise
        self._fonts = None  # which KaTeX fonts typeset math uses (kobai/katex_fonts.py), per build
        self._formulas = 0  # typeset in this build, all languages
        self._typeset_seconds = 0.0
        self._live: live_rebuild.LiveRebuild | None = None  # under `mkdocs serve`: page-only rebuilds

    def on_startup(self, *, command, dirty):
        self._serving = command == "serve"
        self._dirty = dirty
        if self._serving and not dirty:
            self._live = live_rebuild.LiveRebuild()

    def on_serve(self, server, config, builder):
        """Each save goes through kobai/live_rebuild.py, which rebuilds only the edited pages when
        that gives the same pages as a full build."""
        if self.config.enabled and self._live is not None:
            live = self._live

            def page_or_full(full_build):
                live.attach(full_build, lambda: compat.mkdocs.watched_paths(server))
                return live

            compat.mkdocs.replace_builder(server, page_or_full)
        return server

    def _build_into_temporary_folder(self, config) -> None:
        if self._serving or self._dirty or self._final_site_dir is not None:
            return
        self._final_site_dir = Path(config.site_dir)
        config.site_dir = str(atomic.temp_folder(self._final_site_dir))

    def _swap_site_in(self, config) -> None:
        if self._final_site_dir is None:
            return
        atomic.swap_in(Path(config.site_dir), self._final_site_dir)
        config.site_dir = str(self._final_site_dir)
        self._final_site_dir = None

    def on_build_error(self, error):
        """The half-built temporary folder goes; the previous site stays as it was."""
        if self._final_site_dir is not None and self._building_in is not None:
            shutil.rmtree(self._building_in, ignore_errors=True)
            self._final_site_dir = self._building_in = None

    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return
        docs_dir = Path(config.docs_dir)
        untranslated = twins.untranslated_pages(docs_dir, list(i18n.languages(config)), self.config.notebook_folders)
        problems = [f"{p}: no translation" for p in untranslated]
        problems += [f"{p}: no language suffix (name it page.ja.md / page.en.md)" for p in twins.unsuffixed_pages(docs_dir)]
        if problems:
            message = "kobai: every page needs all languages:\n  " + "\n  ".join(problems)
            if not self._serving:
                raise PluginError(message)
            log.warning(message)  # while writing, `mkdocs serve` keeps going; builds stop here
        if not i18n.inside_language_build(config):
            if self._live is not None:
                self._live.forget()  # this build's state is recorded anew
            for problem in compat.version_problems():
                log.warning("kobai: %s", problem)
            if self._dirty and len(i18n.languages(config)) > 1:
                # measured: each `serve --dirty` rebuild took as long as a full one, the search index
                # grew by every entry again (1 983 -> 46 698 after three edits) and mkdocs-jupyter
                # evicted the executed notebooks of the pages it skipped (a minute to run them again)
                log.warning("kobai: --dirty is not supported with several languages: mkdocs-static-i18n "
                            "rebuilds every page anyway, Material's search index then repeats its entries "
                            "at each rebuild, and mkdocs-jupyter drops its cache of the notebooks not rebuilt. "
                            "Use `mkdocs serve` (make serve) without --dirty")
            self._build_into_temporary_folder(config)
        self._building_in = Path(config.site_dir)
        compat.mkdocs.treat_as_pages(self.config.notebook_extensions, self.config.notebook_folders)
        self._slugify = config.mdx_configs.get("toc", {}).get("slugify")
        compat.mkdocs_jupyter.use_site_slugify(self._slugify)
        return config

    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        if not i18n.inside_language_build(config):
            if self._live is not None:
                self._live.docs_read_from_now(config.docs_dir)
            self._site_root = Path(config.site_dir)
            self._formulas, self._typeset_seconds = 0, 0.0
            cache_dir = self._cache_dir(config)
            self._renders = katex.StoredRenders(cache_dir / "katex.json")
            self._webp_twins = lossless_webp.StoredTwins(cache_dir / "webp.json")
            self._rendered_pages = build_cache.KeptAnswers(cache_dir / "pages.json",
                                                           compat.mkdocs.rendered_pages_version(config), field="pages")
            compat.mkdocs.keep_rendered_pages(self._rendered_pages)
            if "material/search" in config.plugins or "search" in config.plugins:
                self._search_entries = build_cache.KeptAnswers(cache_dir / "search-entries.json",
                                                               compat.material.search_entries_version(), field="pages")
                compat.material.keep_search_entries(self._search_entries)
            self._fonts = self._katex_fonts(config)
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None and jupyter.config.get("cache"):
            base = Path(config.config_file_path).parent / ".cache" / "mkdocs-jupyter"
            compat.mkdocs_jupyter.use_cache_dir(jupyter, base / i18n.current(config))

    @event_priority(-200)  # after static-i18n has made the navigation of this language
    def on_nav(self, nav, config, files):
        if self._live is not None:
            self._live.record_nav(i18n.current(config), nav, files)
        return nav

    def on_env(self, env, config, files):
        if self._live is not None:
            self._live.record_env(i18n.current(config), env, config)
        return env

    def on_page_content(self, html, page, config, files):
        """Runs before the search plugin indexes the page, so it sees the same anchors."""
        if not self.config.enabled:
            return html
        if getattr(page, "nb_url", None):  # a notebook rendered by mkdocs-jupyter
            if self._slugify is not None:
                html = compat.nbconvert.fix_heading_ids(html, self._slugify)
            html = notebooks.keyboard_scrollable(compat.mkdocs_jupyter.without_unused_scripts(html))
            page_path = Path(config.site_dir) / page.file.dest_uri
            html = self._stylesheet.extract(html, page_path, self._site_root or Path(config.site_dir))
            name = notebooks.ipynb_name(page.file.src_uri)
            html, images = notebook_images.externalize(
                html, Path(name).stem, self._webp_twins.from_png if self._webp_twins else lossless_webp.from_png)
            notebook_images.write(images, page_path.parent)
            atomic.write_text(page_path.parent / name, notebooks.as_ipynb(Path(page.file.abs_src_path).read_text(encoding="utf-8")))
            html = notebooks.with_download_link(html, name, i18n.current(config))
        return cjk_lines.join_cjk_lines(html)

    def on_post_page(self, output, page, config):
        """Typeset the page's math (the final HTML, after search has indexed the content), then
        Material's markup fixes (kobai/compat/material.py)."""
        if not self.config.enabled:
            return output
        started = time.perf_counter()
        try:
            typeset = math_html.typeset_page(
                output, self._renders.render if self._renders else katex.render, page=page.file.src_uri, text_delimiters=bool(getattr(page, "nb_url", None)),
                # the URL MkDocs gives an extra_css entry on this page (English pages included)
                stylesheet_href=normalize_url(KATEX_CSS, page=page),
                fonts=self._fonts)
        except math_html.MathError as error:
            raise PluginError(f"kobai: {error}") from error
        self._typeset_seconds += time.perf_counter() - started
        self._formulas += typeset.formulas
        return compat.material.fix_page(typeset.html)

    def on_post_template(self, output_content, template_name, config):
        """Material's 404 page is a theme template, not a page: it gets the same markup fixes."""
        if not self.config.enabled or template_name != "404.html":
            return output_content
        return compat.material.fix_page(output_content)

    def _publish_font_subsets(self, config) -> None:
        """KaTeX's fonts with only the characters the formulas show (kobai/katex_subset.py)."""
        renders = self._renders.used()
        if not renders or self._fonts is None:
            return
        subsets = katex_subset.StoredSubsets(self._cache_dir(config) / "katex-fonts.json")
        sizes = katex_subset.publish(Path(config.site_dir) / Path(KATEX_CSS).parent,
                                     self._fonts(katex_fonts.classes_in("".join(renders))), katex_subset.characters(renders), subsets)
        subsets.save()
        if sizes:
            log.info("kobai: KaTeX fonts cut to the site's characters: %d -> %d bytes",
                     sum(before for before, _ in sizes.values()), sum(after for _, after in sizes.values()))

    def _cache_dir(self, config) -> Path:
        """Where this plugin's build caches live (kobai/build_cache.py), beside mkdocs.yml."""
        return Path(config.config_file_path).parent / self.config.cache_dir

    @staticmethod
    def _katex_fonts(config):
        """Which KaTeX fonts typeset math uses, from the site's KaTeX stylesheet (None without one:
        then nothing is preloaded)."""
        stylesheet = Path(config.docs_dir) / KATEX_CSS
        return katex_fonts.index(stylesheet).fonts if stylesheet.is_file() else None

    @event_priority(-200)
    def on_post_build(self, config):
        if not self.config.enabled or i18n.inside_language_build(config):
            return
        log.info("kobai: typeset %d formulas in %.2f s", self._formulas, self._typeset_seconds)
        if self._renders is not None:
            self._renders.save()
            if not self._serving:
                self._publish_font_subsets(config)
        for kept in (self._webp_twins, self._search_entries, self._rendered_pages):
            if kept is not None:
                kept.save()
        site_dir = Path(config.site_dir)
        cache_dir = self._cache_dir(config)
        self._stylesheet.write(site_dir, cache_dir / "notebook-css.json")
        index_path = site_dir / "search" / "search_index.json"
        if index_path.exists():  # read once: segmented (Japanese cut into words), then split per language
            index = json.loads(index_path.read_text(encoding="utf-8"))
            if self.config.segment_search:
                stats = search_index.segment_with_cache(index, cache_dir / "segments.json")
                log.info("kobai: segmented Japanese in %d of %d search entries", stats["segmented"], stats["documents"])
            languages = i18n.state(config)
            counts = search_index.write_split_index(index_path, languages.all, languages.default, index)
            log.info("kobai: search index per language: %s", ", ".join(f"{k} {v} entries" for k, v in counts.items()))
        self._swap_site_in(config)
        if self._live is not None:
            self._live.record_finished()
