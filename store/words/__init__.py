"""The words both sides say: the store's exports and import reports, and the explorer's screen.

Each idea is said in one place, so the screen, an import report and an export never disagree:

- ``names``: the name an entity is shown and sorted by ("NATO", not its 35-letter long name);
- ``spans``: a fact's dates as text ("since 2006", "1949 – 1966", "undated");
- ``sentences``: where the sentences of a passage start and end ("The U.S. and Japan" is one);
- ``clean``: text made inert on its way out (control characters as visible stand-ins) and
  invisible characters dropped on the way in;
- ``resolve``: which entity a name, an alias or a country code means, case and punctuation aside.

Whether a fact is live (not retracted) sits beside the fact: :func:`store.models.is_live`.
Nothing here imports Textual or reads a file; every function is pure.
"""
