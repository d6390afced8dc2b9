"""Demo and volume content for the portal.

- ``content``: the hand-written demo data (real schools from the 2019 "Double
  High" list with their English names, real and invented partners, programme
  texts in six languages);
- ``builder``: ``load_demo()``, which turns that data into published pages and
  rows, idempotently (``manage.py load_demo``);
- ``catalogue``: ``generate_catalogue()``, which makes volume for tests and
  benchmarks with bulk inserts (``manage.py generate_catalogue``).

The CSV files next to this module are copies of the shared reference data; their
``source`` columns say where each fact comes from.
"""
