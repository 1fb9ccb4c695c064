"""Device health: the supervisors' board and the call tasks it opens."""
