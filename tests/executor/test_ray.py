"""The Ray executor on a local Ray this module starts: the seeds' report equals the local
executor's, through a cluster address too; an interrupted run resumes on Ray; an
unreachable address is one line and exit 2. Skipped without the ray extra."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import stable_report
from click.testing import CliRunner

ray = pytest.importorskip(
    "ray", reason="the ray extra is not installed: pip install -e '.[test,ray]' to run it")

from factcheck.cli import cli  # noqa: E402
from factcheck.engine.local import LocalEngine  # noqa: E402
from factcheck.errors import ConfigError  # noqa: E402
from factcheck.executor import open_executor  # noqa: E402
from factcheck.pipeline import run_pipeline  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A two-CPU Ray for this module (started once: it takes seconds); its address."""
    context = ray.init(address="local", num_cpus=2, include_dashboard=False,
                       log_to_driver=False)  # its own, even if a Ray runs on this machine
    try:
        yield context.address_info["gcs_address"]
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def local_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("local") / "out"
    run_pipeline([str(SEEDS)], out, lambda store: LocalEngine())
    return stable_report(out)


def test_seeds_on_ray_give_the_local_report(cluster: str, local_report: dict[str, Any],
                                            tmp_path: Path) -> None:
    with open_executor("ray") as executor:  # the module's Ray, left running
        assert executor.name == "ray" and executor.slots == 2
        run_pipeline([str(SEEDS)], tmp_path / "out", lambda store: LocalEngine(),
                     executor=executor)
    assert ray.is_initialized()
    assert stable_report(tmp_path / "out") == local_report


def test_cli_against_a_cluster_address_gives_the_local_report(
        cluster: str, local_report: dict[str, Any], tmp_path: Path) -> None:
    """A separate driver process joins the cluster by address and ships its package."""
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "factcheck", "run", str(SEEDS), "--out",
                           str(out), "-q", "--executor", "ray", "--address", cluster],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert stable_report(out) == local_report


def test_a_run_interrupted_locally_resumes_on_ray(cluster: str, local_report: dict[str, Any],
                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"

    class Interrupted(LocalEngine):
        def verify(self, *args: Any, **kwargs: Any) -> Any:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_pipeline([str(SEEDS)], out, lambda store: Interrupted())
    resumed = CliRunner().invoke(cli, ["run", "--resume", str(out), "--executor", "ray"])
    assert resumed.exit_code == 0, resumed.output
    assert "5 of 5 sources already extracted" in resumed.output
    assert stable_report(out) == local_report


def test_unreachable_address_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(out), "--executor",
                                      "ray", "--address", f"127.0.0.1:{port}"])
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert f"cannot reach the Ray cluster at 127.0.0.1:{port}" in str(result.exception)
    assert "\n" not in str(result.exception) and not out.exists()
