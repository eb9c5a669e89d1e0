"""Article extraction, stage by stage (issue 14): what an imported article states, and about whom.

    reading -> excerpts -> mentions -> claims -> links and proposals

Reading (``store.pipeline.reading``, ``store.pipeline.parsing``) and excerpts (``store.pipeline.ingest``) turn a file into
passages with exact offsets. The stages here read those passages:

- ``mentions``: the countries and alliances each passage names, directly, by a descriptive
  reference ("the trilateral", "the alliance"; ``references``), or in a hyphenated compound
  ("Japan-U.S.-ROK"; ``compounds``); names that only contain a country (newspapers, companies,
  wars, regions) are not that country. ``alliance_index`` is how these stages look the store's
  alliances up, by member set and by the nouns they are called by;
- ``groupings``: the groupings and agreements a passage names that the store lacks ("the
  US-Japan-Philippines trilateral", "IP4"), with their members when the passage gives them;
- ``claims``: the relations a passage states, as news is written (reporting frames, appositions,
  groupings, pair subjects, organisations standing for their country, lists), with modality kept as
  a qualifier and relative dates resolved against the article's publication date; ``learned`` then
  reads the pairs of a sentence no rule related with a small trained model (membership,
  cooperation, consultation, arms), kept only above its threshold, when asked for (``import --learned``);
- links and proposals (``store.pipeline.proposals``, outside this package because it writes: it puts
  records into the import's plan): each claim that states, restates or contradicts a fact already
  in the store is proposed as evidence for it (supports / contradicts), looked up by entity pair;
  the rest become proposed facts.

Each stage is a module with its own tests; ``benchmarks/extraction_eval.py`` scores them
together on the development set in ``benchmarks/devset/``.
"""
