"""Credentials for the fault-injection processes (none while the central has no auth)."""

import pytest


@pytest.fixture
def fault_auth(tmp_path):
    return {}
