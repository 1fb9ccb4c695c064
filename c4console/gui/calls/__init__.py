"""The 911 call-taker: the form a screen pop (or F1) opens, and the incident actions that
follow a call (reclassify, hand over to the specialist desk)."""
