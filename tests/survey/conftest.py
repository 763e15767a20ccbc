"""Shared fixtures for the questionnaire tests."""

from __future__ import annotations

import pytest

from meetlat.survey import edition as editions


@pytest.fixture
def edition():
    return editions.load("2014")
