"""Reference data in, store records out: the researched starter world and the data sets it grows from.

- ``world`` reads ``store/data/world/*.tsv`` (every date with the address it was checked against)
  into records; ``starter`` builds the bundled starter store from it and the bundled articles;
  ``world_update`` brings that world into a store made before it.
- ``atop_files`` reads the ATOP alliance data set's CSV files, ``cow`` maps Correlates of War
  state codes to ISO 3166, ``atop`` imports ATOP as one undoable step, and ``atop_match`` proposes
  which ATOP alliance is one the store already holds.
"""
