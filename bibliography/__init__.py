"""The handbook's bibliography: every paper the site names, as data (references.yaml), cited
from pages with `[@key]` markers, rendered into a references page in both languages and into
each page's own reference list.

Layout: `model.py` (a Reference and how it reads in each language), `load.py` (safe YAML, every
problem as file:line: key: message), `cite.py` (finding and expanding citations in Markdown),
`pages.py` (the references page), `mkdocs_plugin.py` (the thin MkDocs adapter).
"""
