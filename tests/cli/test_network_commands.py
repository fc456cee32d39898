"""``waystation network``, ``rules backtest`` and ``targeting run`` against a demo store, acting
as named accounts through the same services, permission checks and audit log as the API."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from tests.services.demo_store import DEMO_DAY, DemoStore, seeded  # noqa: F401  (fixture)
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.vocab import AlertKind, Role
from waystation.cli import main
from waystation.rules import default_rules_text
from waystation.services.alert_queue import alert_queue
from waystation.services.principal import Principal
from waystation.services.users import create_user
from waystation.store import AlertFilter

TOKENS: dict[str, str] = {}


@pytest.fixture(scope="module")
def cli(seeded: DemoStore) -> DemoStore:  # noqa: F811
    for role in (Role.ANALYST, Role.SUPERVISOR, Role.CARRIER):
        TOKENS[f"{role.value}-cli"] = create_user(seeded.workspace, f"{role.value}-cli", role).token
    return seeded


def _run(store: DemoStore, *args: str) -> Result:
    """Run a command; ``--user NAME`` in ``args`` stands for that user's API token in the environment."""
    words = list(args)
    env = {
        "WAYSTATION_HOME": str(store.settings.home),
        "WAYSTATION_DATABASE_URL": store.settings.database_url or "",
    }
    if "--user" in words:
        at = words.index("--user")
        env["WAYSTATION_TOKEN"] = TOKENS.get(words[at + 1], "ws_not-a-token")
        del words[at : at + 2]
    return CliRunner().invoke(main, words, env=env)


def _linked(store: DemoStore) -> int:
    analyst = Principal("analyst-cli", Role.ANALYST)
    alert = alert_queue(store.workspace, analyst, AlertFilter(kind=AlertKind.NETWORK), limit=1).alerts[0]
    assert alert.traveller_id is not None
    return alert.traveller_id


def test_network_show_one_hop_and_the_case_rule(cli: DemoStore) -> None:
    traveller_id = str(_linked(cli))
    shown = _run(cli, "network", "show", traveller_id, "--user", "analyst-cli", "--format", "jsonl")
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.stdout)
    assert (record["hops"], record["case_number"]) == (1, None)
    assert record["paths"], "a network alert's traveller is one hop from a listed person"
    assert {p["subject"]["status"] for p in record["paths"]} == {"listed"}
    assert all(p["hops"] == 1 for p in record["paths"])
    assert record["person"]["label"] in {m["label"] for m in record["groups"][0]}
    assert [j["legs"][0]["departure"][:10] for j in record["journeys"]] == [DEMO_DAY.isoformat()]
    table = _run(cli, "network", "show", traveller_id, "--user", "analyst-cli")
    assert table.exit_code == 0
    assert "paths to subjects within 1 hop(s)" in table.stdout
    deeper = _run(cli, "network", "show", traveller_id, "--hops", "2", "--user", "analyst-cli")
    assert deeper.exit_code == 1
    assert "needs an open case" in deeper.stderr
    carrier = _run(cli, "network", "show", traveller_id, "--user", "carrier-cli")
    assert carrier.exit_code == 1
    assert carrier.stderr.strip() == "waystation: error: a carrier may not query network"
    nobody = _run(cli, "network", "show", traveller_id, "--user", "nobody")
    assert nobody.exit_code == 1
    assert "token" in nobody.stderr


def test_network_export_writes_graphml(cli: DemoStore, tmp_path: Path) -> None:
    traveller_id = str(_linked(cli))
    target = tmp_path / "net.graphml"
    done = _run(
        cli, "network", "export", traveller_id, "--to", "graphml", "-o", str(target), "--user", "analyst-cli"
    )
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stderr)
    graph = nx.read_graphml(target)
    assert (summary["nodes"], summary["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert any(d.get("subject", "").startswith("listed ") for _n, d in graph.nodes(data=True))
    cyjs = _run(cli, "network", "export", traveller_id, "--to", "cyjs", "--user", "analyst-cli")
    assert len(json.loads(cyjs.stdout)["elements"]["nodes"]) == graph.number_of_nodes()


def test_rules_backtest_reports_per_day_and_refuses_a_bad_file(cli: DemoStore, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yml"
    rules.write_text(default_rules_text(), "utf-8")
    done = _run(cli, "rules", "backtest", str(rules), "--user", "supervisor-cli", "--format", "jsonl")
    assert done.exit_code == 0, done.output
    records = {r["rule_id"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert set(records) == {
        "ftf-border-route", "broken-journey-border", "travels-with-confirmed-subject",
        "lost-stolen-document", "new-passport-one-way-draft",
    }  # fmt: skip
    for record in records.values():
        assert record["screened"] == cli.report.travellers
        assert record["per_day"] == [
            {"day": DEMO_DAY.isoformat(), "screened": cli.report.travellers, "flagged": record["flagged"]}
        ]
    fired = {a.hit.rule_id for a in cli.report.rule_alerts}
    assert fired
    assert all(records[rule]["flagged"] > 0 for rule in fired)
    assert _run(cli, "rules", "backtest", str(rules), "--until", "2026-11-25", "--user", "supervisor-cli",
                "--format", "jsonl").stdout.count('"days":0') == len(records)  # fmt: skip
    table = _run(cli, "rules", "backtest", str(rules), "--days", "7", "--user", "supervisor-cli")
    assert table.exit_code == 0
    assert "ftf-border-route@" in table.stdout
    assert "per day" in table.stdout
    bad = tmp_path / "bad.yml"
    bad.write_text(default_rules_text().replace("route: {", "religion: {", 1), "utf-8")
    refused = _run(cli, "rules", "backtest", str(bad), "--user", "supervisor-cli")
    assert refused.exit_code == 1
    assert "ftf-border-route" in refused.stderr
    assert _run(cli, "rules", "backtest", str(rules), "--user", "carrier-cli").exit_code == 1


def test_targeting_run_raises_nothing_twice(cli: DemoStore) -> None:
    done = _run(cli, "targeting", "run", "--since", DEMO_DAY.isoformat(), "--format", "jsonl")
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout.splitlines()[0])
    assert summary["travellers"] == cli.report.travellers
    assert summary["raised"] == 0  # the demo raised them already
    assert summary["already_raised"] == cli.report.targeting_raised
    assert summary["rule_hits"] == len(cli.report.rule_alerts)
    assert summary["network_hits"] == len(cli.report.network_alerts)
