"""Referrals of a woman to another institution (canalización, issue 12), pure: the
institutions' catalogue, the referral record and its status rules, the referrals waiting
too long, and what the referral letter says. No I/O: the central stores the records and
prints the letter (central/referrals/)."""
