"""The console lock's back-off after wrong passwords (issue 16 point 16), with a given time."""

from c4console.core.unlock_backoff import UnlockBackoff


def test_free_slips_then_doubling_waits_capped_per_user_and_cleared_by_success():
    b = UnlockBackoff(free_failures=3, base_s=5, max_s=30)
    assert [b.failed("ana", 0) for _ in range(3)] == [0, 0, 0]
    assert b.wait_s("ana", 0) == 0
    assert b.failed("ana", 0) == 5 and b.wait_s("ana", 2) == 3
    assert [b.failed("ana", 10) for _ in range(4)] == [10, 20, 30, 30]
    assert b.wait_s("bety", 10) == 0  # per user
    b.succeeded("ana")
    assert b.wait_s("ana", 10) == 0 and b.failed("ana", 10) == 0
