"""The `figgen` MkDocs plugin: fresh figures at build start, embeds in pages, files in the site.

- `on_config` loads the figure registry; `on_pre_build` (outer build only: static-i18n builds
  again for each language) makes stale figures fresh with the same runner as `python -m figgen`.
- `on_page_markdown` expands `{{ figure("id") }}` in the page's language; an unknown id stops the
  build naming the page.
- `on_post_build` (outer build) publishes each figure's SVGs, data.json and data.csv under
  `figures/<id>/` at the site root, shared by every language.
- `on_serve` watches figgen's sources: under `mkdocs serve`, editing a figure rebuilds the site,
  and only that figure is stale.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from figgen import embed, registry, runner
from figgen.cache import Cache
from figgen.config import FiggenConfig
from figgen.progress import Progress

log = logging.getLogger("mkdocs.plugins.figgen")
PACKAGE_DIR = Path(__file__).resolve().parent
PUBLISHED = (".svg", ".json", ".csv")


class FiggenPlugin(BasePlugin[FiggenConfig]):
    def __init__(self) -> None:
        self._figures: dict = {}
        self._site_root: Path | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return
        base = Path(config.config_file_path).parent
        self._out = base / self.config.out_dir
        self._cache = Cache(base / self.config.cache_dir)
        try:
            # fresh: under `mkdocs serve` an edited figure file must be read again
            self._figures = {f.id: f for f in registry.figures(fresh=True)}
        except Exception as error:  # a broken figure file must name itself
            raise PluginError(f"figgen: cannot load the figures: {error}") from error
        return config

    def on_pre_build(self, config):
        if not self.config.enabled or _inside_language_build(config):
            return
        self._site_root = Path(config.site_dir)
        if not self.config.build:
            return
        figures = list(self._figures.values())
        try:
            results = runner.run(figures, self._out, self.config.device, False, self.config.jobs, self._cache,
                                 progress=Progress(len(figures), stream=_LogStream()), isolate=True)
        except runner.BuildFailed as error:
            log.error("figgen: %s", error.report())
            raise PluginError(f"figgen: {len(error.failures)} figure(s) failed: {error}") from None
        except Exception as error:
            raise PluginError(f"figgen: building the figures failed: {error}") from error
        built = [f"{r.id} ({r.status}, {r.seconds:.1f} s)" for r in results if r.status != "fresh"]
        log.info("figgen: %s", ", ".join(built) if built else f"all {len(results)} figures fresh")

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled or "figure(" not in markdown:
            return markdown
        lang = _language(config, self.config.default_language)
        page_dir = (Path(config.site_dir) / page.file.dest_uri).parent
        base = Path(os.path.relpath((self._site_root or Path(config.site_dir)) / self.config.site_path, page_dir)).as_posix()
        try:
            return embed.expand(markdown, lang, base, self._figures, self._load_data)
        except embed.EmbedError as error:
            raise PluginError(f"figgen: {page.file.src_path}: {error}") from None

    def on_post_build(self, config):
        if not self.config.enabled or _inside_language_build(config):
            return
        target = Path(config.site_dir) / self.config.site_path
        for figure_id in self._figures:
            source = self._out / figure_id
            if not source.is_dir():
                continue
            (target / figure_id).mkdir(parents=True, exist_ok=True)
            for file in source.iterdir():
                if file.suffix in PUBLISHED:
                    shutil.copyfile(file, target / figure_id / file.name)

    def on_serve(self, server, config, builder):
        if self.config.enabled:
            server.watch(str(PACKAGE_DIR))
        return server

    def _load_data(self, figure_id: str) -> dict | None:
        try:
            return json.loads((self._out / figure_id / "data.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None


def _inside_language_build(config) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


def _language(config, default: str) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or default


class _LogStream:
    """Progress lines into MkDocs' log (not a terminal: plain lines)."""

    def write(self, text: str) -> None:
        if text.strip():
            log.info(text.strip())

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
