"""The wire values of referrals to institutions (Spanish, lower case; issue 12's contracts)."""

from __future__ import annotations

ENVIADA = "enviada"
RECIBIDA = "recibida"
ATENDIDA = "atendida"
CERRADA = "cerrada"
RECHAZADA = "rechazada"
STATUSES = (ENVIADA, RECIBIDA, ATENDIDA, CERRADA, RECHAZADA)
# The forward path; rechazada leaves it from enviada or recibida only (the institution
# turned her away before attending her). cerrada and rechazada are final.
FORWARD = (ENVIADA, RECIBIDA, ATENDIDA, CERRADA)
REJECTABLE = frozenset({ENVIADA, RECIBIDA})
FINAL = frozenset({CERRADA, RECHAZADA})

NORMAL = "normal"
URGENTE = "urgente"
URGENCIES = (NORMAL, URGENTE)

# What of her case a referral may share (the catalogue's ``needs`` and a referral's
# ``shared``). Her name, the reason, the urgency and the referring desk always go;
# psychological notes never (there is no item for them).
SHARE_ITEMS = ("contacto", "domicilio", "ordenes", "nivel_riesgo", "agresor", "episodios",
               "datos_generales")

INSTITUTION_KINDS = ("dif", "igualdad", "centro_justicia", "fiscalia", "instituto_mujer",
                     "refugio", "salud", "asesoria_juridica", "otra")

MAX_REASON = 2000
