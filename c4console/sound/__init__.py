"""Sound: alert tones, spoken alerts and the output they share. No Qt here.

``AudioOutput`` owns the PortAudio device on its own thread; ``AlertTones`` and
``SpokenAlerts`` queue sound on it and report a ``SoundStatus`` through callbacks
that run on their threads (the GUI hops them onto its own). Importing this
package does not load PortAudio or pyttsx3: they load on their threads, so a
missing library becomes a status, never an import error.
"""
