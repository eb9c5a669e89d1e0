"""The article pipeline: an article file in, the records of one import out.

    file ──reading, parsing──> text and metadata ──ingest──> Source and Excerpts
         ──extract/ (mentions, claims, groupings)──> what each passage names and states
         ──proposals, grouping_proposals──> proposed facts, evidence links and entities
         ──import_plan──> one ImportPlan ──importer──> FactStore.commit (one undoable step)

The mentions stage reads names with ``gazetteer`` (the matcher), which is built from
``gazetteer_surfaces`` (every spelling of a country or alliance name) and judges each match with
``gazetteer_context`` (look-alikes: people, US states, ships, currencies, languages).

``reanchor`` carries notes and links over to a new version of a source; ``batch`` imports many
files, one commit each; ``import_report`` is what an import tells the user. Nothing here keeps
state between imports: the store is the only memory.
"""
