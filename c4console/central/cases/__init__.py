"""The case area at the central (issue 10), one feature in one place:

- ``store`` — cases in the database: the ``case_keys`` index and the look-ups by it
- ``history_query`` — her history for a new incident, from indexed SQL candidates
  through the pure :func:`c4console.core.cases.history.history_for`
- ``steps`` — what the write transaction does for cases: a new incident's priority
  raised by her risk and its ``history`` record; her case following her registry
  record, her devices and incidents; cases and histories re-published when her
  incidents open and close (need-to-know)
- ``routes`` — ``GET /api/v1/cases/{id}`` and ``GET /api/v1/incidents/{id}/history``

The commands are pure, in :mod:`c4console.core.cases.commands`; who may send them is in
:mod:`c4console.central.permissions`; what each role receives is
``resources/cases/access.toml`` applied by :mod:`c4console.central.need_to_know`.
"""
