"""Demo and volume content for the portal.

- ``data/``: the demo itself, as data files (YAML and CSV): schools, partners,
  programmes with their texts in each language, batches and selections with
  their decisions, yearly figures, enquiries, users, and the shared vocabulary;
- ``loader``: ``load_demo()``, which turns those files into published pages
  and rows, idempotently (``manage.py load_demo``);
- ``catalogue``: ``generate_catalogue()``, which makes volume for tests and
  benchmarks (``manage.py generate_catalogue``).

The CSV files next to this module are copies of the shared reference data; their
``source`` columns say where each fact comes from.
"""
