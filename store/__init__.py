"""The fact store of alliances-tui. Never imports Textual.

The folder reads as the data flow::

    article ──> pipeline/ ──> (records) ──> core ──> exports/, and the explorer (tui/)
    reference data ──> datasets/ ──────────^

- core (this folder): the records (``models``), how they sit on disk (``db``: TinyDB snapshots;
  ``journal``, ``slim``, ``packing``: the append-only change history; ``records``: tables read lazily), the one
  store object every query and write goes through (``repository.FactStore``), and repair
  (``check``, ``restore``, ``history``). ``words/`` (display names, a fact's dates as text,
  sentences, text made inert, the entity resolver), ``countries`` and ``treaties`` hold the words
  both the store and the explorer say.
- ``pipeline/``: an article file in, an import plan out (a source, its excerpts, the countries
  and alliances it names, proposed facts and evidence links), committed as one undoable step.
- ``datasets/``: reference data in (the researched starter world, ATOP, Correlates of War codes),
  records out, each import one undoable step.
- ``exports/``: a selection of the store in, JSON, CSV, Markdown, DOT and GraphML out.
"""
