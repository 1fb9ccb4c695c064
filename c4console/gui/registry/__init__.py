"""The beneficiary registry: list, edit, home on the map, devices import."""
