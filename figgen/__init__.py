"""figgen: the site's figures, trained on real data and drawn in Japanese and English.

    python -m figgen            # build every stale figure (= python -m figgen build)
    python -m figgen list       # id, title, fresh/stale, last seconds

Layout: `figure.py` (what a figure declares), `registry.py` (discovers `figures/*.py`),
`hashing.py` (what a cached result depends on), `cache.py` (atomic, locked cache),
`builder.py` (compute → data → draw → outputs), `cli.py`; shared pieces a figure uses:
`data.py`, `models.py`, `training.py`, `style.py`; the site: `embed.py`, `mkdocs_plugin.py`.
"""
