"""Canalizar (issue 12): refer her case to an institution, follow the referral's status and
print its letter — the dialog (ui/institution_referral.ui) and the actions that send it."""
