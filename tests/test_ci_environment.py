"""In CI the browser and terminal tests must run, not skip: their tools must be there."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

pytestmark = pytest.mark.skipif(not os.environ.get("CI"),
                                reason="outside CI those tests skip when a tool is missing")


@pytest.mark.parametrize("tool", ["chromium", "tmux"])
def test_debian_tool_installed(tool: str) -> None:
    assert shutil.which(tool), f"{tool} is missing: .ci/run installs it with apt-get"


def test_playwright_installed() -> None:
    assert importlib.util.find_spec("playwright"), "the test extra installs playwright"


def test_ray_installed() -> None:
    assert importlib.util.find_spec("ray"), ".ci/run installs the ray extra (Ray executor test)"
