"""The observatory window (issue 14): where and when incidents happen — the choropleth
and heat map, hour × weekday and monthly charts, the colonias ranked for the WhatsApp
QR posters. Data from the central (sync/observatory_api.py), never from the cache."""
