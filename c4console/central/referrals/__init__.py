"""Referrals to institutions at the central (issue 12): reads, the letter PDF, routes."""
