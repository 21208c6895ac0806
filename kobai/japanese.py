"""Which characters are Japanese, in one place (regular-expression class bodies).

- `LETTERS`: what words are made of: hiragana, katakana with ー, CJK ideographs with 々 and 〆.
  The search index is segmented over runs of these (kobai/search_index.py), and the search worker
  cuts queries over the same class (docs/assets/javascripts/workers/kobai-search.js, a copy that
  tests/kobai/test_search_worker.py checks against this one).
- `TEXT`: every character of Japanese running text, punctuation and full-width forms included:
  a line break between two of them is joined (kobai/cjk_lines.py).
"""

LETTERS = "\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
TEXT = "\u3000-\u303f\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
