"""The incident queue, the incident detail and the refused actions."""
