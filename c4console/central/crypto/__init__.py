"""Encryption at rest of the central's media (issue 16 point 10).

- :mod:`.keys`: the media key file (``c4central keys init``), its key ids and rotation.
- :mod:`.sealed`: the sealed-file format (AES-256-GCM in chunks, a header with the key id),
  used for every recording segment and every WhatsApp media file.
- :mod:`.cli`: ``c4central keys init | status | rotate | encrypt-existing``.
"""
