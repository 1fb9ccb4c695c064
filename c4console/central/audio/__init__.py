"""Live ambient audio at the central: RTP ingest, jitter buffer, evidence recording, relay.

Data path (one session)::

    UDP port ──▶ AudioInbox (loop: stamp arrival, enqueue) ──▶ audio worker thread
        rtp.parse_rtp → rtp.StreamTracker (SSRC, sequence, timestamps) → codecs.decode
          ├─▶ relay: binary frames to listening consoles (c4console.core.audio_frame)
          └─▶ jitter.JitterBuffer (reorder, conceal loss) → recorder.SegmentRecorder
                 → io thread: closed WAV segment, fsync'd, hashed into manifest.jsonl

Nothing here runs on the service's writer thread except the few session
start/end/checkpoint transactions, and nothing blocks the event loop.
"""
