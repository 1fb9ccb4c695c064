"""Exclusion zones of a protection order and the aggressor's proximity alarm (pure).

``geometry`` (point in circle/polygon, crossing segments), ``records`` (the
``exclusion_order`` feed record and its zones), ``validation`` and ``commands``
(``set_exclusion_zones``), ``index`` (the grid index over every zone) and ``proximity``
(what one of his positions changes: a new incident, a re-entry, leaving).
"""
