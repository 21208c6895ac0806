"""Kōbai's site-level MkDocs plugin: bilingual twins, notebooks as pages, Japanese search.

Each concern lives in its own module and works without MkDocs where it can; `plugin.py` only
adapts them to MkDocs' build events.
"""
