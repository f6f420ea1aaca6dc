"""The plumbing the tests share, out of the tests' own modules: database files and their fingerprints
(`files`), the PostgreSQL server the tests may run on (`server`), work in child processes (`workers`
and the scripts run as children), refusals asserted by their code (`refusals`), and driving widgets
(`qt`). The business a test needs is made by `tests.builders`."""
