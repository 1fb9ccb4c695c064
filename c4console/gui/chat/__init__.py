"""The WhatsApp conversation panel."""
