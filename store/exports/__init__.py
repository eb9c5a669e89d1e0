"""Exports: a selection of the store in, files other tools read out.

``selection`` decides which facts pass the filters (status, entity, kind); ``formats`` renders a
selection as JSON and dispatches to ``csv_table`` (RFC 4180 rows), ``markdown`` (a report per
country) and ``graph`` (Graphviz DOT and GraphML). Every string is cleaned of control characters
on the way out; nothing here writes to the store.
"""
