"""One file per figure. Each defines `FIGURE = Figure(...)`; the registry finds it.

Keep drawing code inside `draw` (or in figgen/style.py): the cache retrains a figure when anything
else in its file changes, and only redraws it when `draw` or the texts change.
"""
