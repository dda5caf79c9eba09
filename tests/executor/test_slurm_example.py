"""examples/slurm/annales-ray.sbatch on a real two-node Ray cluster on this machine (issue 13).

The script runs unchanged; only `scontrol` and `srun` are stand-ins (`SLURM_SHIMS`): `srun` runs its
command once per "node" it is given, on this machine, and gives each node's `ray start` its own temp
folder and ports, as two machines would have. So the script starts a Ray head and a second Ray node
joining it with `ray start --address`, waits for both, and runs `annales run --executor ray --address`
against them; the test compares the store with a local run and checks the second node did work.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest

pytest.importorskip("ray", reason="the Slurm recipe runs Ray: `pip install 'annales[ray]'`")

pytestmark = [pytest.mark.ray, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "examples" / "slurm" / "annales-ray.sbatch"
NODES = ("node1", "node2")

SCONTROL = """#!/bin/bash
# stand-in: `scontrol show hostnames LIST` prints the fake nodes
[[ "$1 $2" == "show hostnames" ]] || { echo "scontrol stand-in: unsupported: $*" >&2; exit 1; }
for node in $FAKE_NODES; do echo "$node"; done
"""

SRUN = '''#!{python}
"""stand-in for srun: run the command once per chosen node, here; `ray start` gets per-node dirs and ports."""
import os, signal, subprocess, sys

args = sys.argv[1:]
opts = {{}}
while args and args[0].startswith("-"):
    flag = args.pop(0)
    if "=" in flag:
        key, value = flag.split("=", 1)
    elif flag in ("-w", "-x", "-N", "-n", "--nodes", "--ntasks", "--ntasks-per-node", "--nodelist", "--exclude"):
        key, value = flag, args.pop(0)
    else:
        key, value = flag, ""
    opts[key] = value
nodes = os.environ["FAKE_NODES"].split()
chosen = opts.get("-w") or opts.get("--nodelist")
excluded = opts.get("-x") or opts.get("--exclude")
targets = [chosen] if chosen else [node for node in nodes if node != excluded]
children = []
for node in targets:
    command = list(args)
    if command[:2] == ["ray", "start"]:
        command += os.environ["FAKE_RAY_ARGS_" + node.upper()].split()
    children.append(subprocess.Popen(command))

def forward(signum, frame):
    for child in children:
        child.send_signal(signum)

signal.signal(signal.SIGTERM, forward)
signal.signal(signal.SIGINT, forward)
sys.exit(max([child.wait() for child in children] or [0]))
'''


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def _below_ephemeral_ports() -> int:
    """The first port of the kernel's ephemeral range (where `_free_ports` draws), 32768 by default."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _node_args(tmp: Path, node: str, ports: list[int]) -> str:
    """What tells two Ray nodes on one machine apart: their temp folders and ports."""
    names = ("node-manager-port", "object-manager-port", "dashboard-agent-listen-port", "dashboard-agent-grpc-port",
             "runtime-env-agent-port", "metrics-export-port")  # fmt: skip
    args = [f"--temp-dir={tmp / ('ray-' + node)}"]
    args += [f"--{name}={port}" for name, port in zip(names, ports, strict=False)]
    args += [f"--min-worker-port={ports[6]}", f"--max-worker-port={ports[6] + 40}"]
    return " ".join(args)


def _environment(tmp: Path, ray_dirs: Path) -> dict[str, str]:
    shims = tmp / "bin"
    shims.mkdir()
    (shims / "scontrol").write_text(SCONTROL)
    (shims / "srun").write_text(SRUN.format(python=sys.executable))
    for shim in shims.iterdir():
        shim.chmod(0o755)
    port, *rest = _free_ports(1 + 2 * 7)
    # The worker port ranges (ports[6] .. +40) must not overlap each other nor any port picked above:
    # those come from the kernel's ephemeral range, so the worker ranges sit below it (CI once drew a
    # dashboard port inside a worker range when the base could reach into that range).
    worker_base = max(10000, _below_ephemeral_ports() - 12000) + (os.getpid() % 110) * 100
    first, second = rest[:7], rest[7:]
    first[6], second[6] = worker_base, worker_base + 50
    assert not {port, *rest[:6], *rest[7:13]} & set(range(worker_base, worker_base + 91))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLURM", "RAY_"))}
    env |= {
        "PATH": f"{shims}:{Path(sys.executable).parent}:{env.get('PATH', '')}",
        "SLURM_JOB_NODELIST": "node[1-2]",
        "SLURM_JOB_NUM_NODES": "2",
        "SLURM_CPUS_PER_TASK": "2",
        "SLURMD_NODENAME": NODES[0],
        "FAKE_NODES": " ".join(NODES),
        "FAKE_RAY_ARGS_NODE1": _node_args(ray_dirs, NODES[0], first),
        "FAKE_RAY_ARGS_NODE2": _node_args(ray_dirs, NODES[1], second),
        "RAY_PORT": str(port),
        "RAY_WAIT_S": "180",
        "ANNALES_WORKERS": "2",
        "ANNALES_OUT": str(tmp / "parts"),
    }
    return env


def _events(db: Path) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT doc_id, sent_index, actor_code, recipient_code, type, status FROM events ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def _stop_leftovers(tmp: Path) -> None:
    """Kill, by process id, any Ray process of this test's nodes still alive (their command lines name tmp)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if str(tmp) in cmdline and int(proc.name) != os.getpid():
            with contextlib.suppress(OSError):
                os.kill(int(proc.name), signal.SIGKILL)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the sbatch script is a bash script")
def test_slurm_recipe_runs_annales_on_a_two_node_ray_cluster_issue_13(tmp_path: Path) -> None:
    from annales.cli.run import run

    # Ray's socket paths must stay under 108 bytes: its folders go in a short one
    ray_dirs = Path(tempfile.mkdtemp(prefix="annales-ray-", dir="/tmp"))
    env = _environment(tmp_path, ray_dirs)
    db = tmp_path / "slurm.duckdb"
    try:
        result = subprocess.run(
            ["bash", str(SCRIPT), str(db), "examples/news"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
    finally:
        _stop_leftovers(ray_dirs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Ray: 2 of 2 nodes joined" in result.stdout
    second = ray_dirs / f"ray-{NODES[1]}"
    logs = [path.read_text(errors="replace") for path in second.rglob("python-core-worker-*.log")]
    assert any("StageGroupUDF" in text for text in logs), "no stage actor ran on the second node"
    local = tmp_path / "local.duckdb"
    with contextlib.chdir(REPO):
        run(["examples/news"], db=str(local), workers=1)
    assert _events(db) == _events(local)
    shutil.rmtree(ray_dirs, ignore_errors=True)
