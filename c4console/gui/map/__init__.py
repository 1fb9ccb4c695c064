"""The live map: a folium/Leaflet page built once, updated in batches through a web channel."""
