"""The protocol-level load client (bench/protocol.py, bench/sessions.py) against two processes behind nginx: a
few sessions, every card they read equal to the database, and a wrong expectation reported as a wrong number."""
import asyncio
import dataclasses

import pytest

from bench import load, protocol, sessions
from tests.e2e.served import require_nginx


def test_a_few_sessions_through_nginx_read_the_right_numbers(nginx_deployment, sample_db_path):
    expected = load.expected_from_database(sample_db_path)
    summary = asyncio.run(sessions.run_sessions(nginx_deployment.url, expected, sessions=4, seconds=0,
                                                think_s=0, ramp_s=0))
    assert summary["first_errors"] == []
    assert (summary["errors"], summary["wrong_numbers"]) == (0, 0)
    assert summary["rounds"] == 4
    assert summary["reruns"] == 4 * 4  # home, one association, growth, formal vs informal
    assert summary["checks_passed"] == 2 * 4
    assert sum(summary["sessions_per_process"].values()) == 4
    assert set(summary["sessions_per_process"]) <= {url.removeprefix("http://")
                                                    for url in nginx_deployment.process_urls}


def test_a_card_that_differs_from_the_database_is_a_wrong_number(nginx_deployment, sample_db_path):
    expected = dataclasses.replace(load.expected_from_database(sample_db_path), national_active="41,0 juta")
    summary = asyncio.run(sessions.run_sessions(nginx_deployment.url, expected, sessions=1, seconds=0,
                                                think_s=0, ramp_s=0))
    assert summary["wrong_numbers"] == 1
    assert summary["first_errors"] == ["session 0, home: card shows '40,2 juta', database says '41,0 juta'"]


def test_one_association_chosen_over_the_protocol_shows_its_own_card(nginx_deployment, sample_db_path):
    expected = load.expected_from_database(sample_db_path)
    code = next(iter(expected.association_active))

    async def choose() -> protocol.Rerun:
        async with protocol.Session(nginx_deployment.url) as session:
            await session.rerun()
            return await session.rerun(widgets={session.widget_id("home_scope"): expected.association_labels[code]})

    chosen = asyncio.run(choose())
    assert chosen.metrics[0] == ("Peserta aktif", expected.association_active[code])
    assert chosen.charts == 1 and chosen.errors == []


def test_the_load_test_refuses_any_address_but_localhost():
    with pytest.raises(ValueError, match="127.0.0.1"):
        asyncio.run(sessions.run_sessions("http://example.org:8501", load.Expected("", {}, {}, [], {}, {}), 1, 0))


def test_a_measurement_window_ends_after_the_rerun_under_way_and_still_checks_it(nginx_deployment, sample_db_path):
    expected = load.expected_from_database(sample_db_path)
    summary = asyncio.run(sessions.run_sessions(nginx_deployment.url, expected, sessions=2, seconds=0,
                                                think_s=0, ramp_s=0, whole_rounds=False))
    assert (summary["reruns"], summary["rounds"], summary["errors"], summary["wrong_numbers"]) == (2, 0, 0, 0)
    assert summary["checks_passed"] == 2  # each session's one home page, its card read and checked


def test_the_measurement_reports_the_servers_own_script_times_within_the_clients_rerun_times(sample_db_path):
    require_nginx()
    [row] = sessions.measure(sample_db_path, process_counts=[1], session_counts=[2], seconds=1, think_s=0, ramp_s=0)
    assert (row["errors"], row["wrong_numbers"]) == (0, 0)
    # every rerun a session asked for is one script run the server recorded, none cut short
    assert (row["server_runs"], row["server_interrupted"]) == (row["reruns"], 0)
    # a run on the server lies inside the client's rerun (message sent → script_finished received), and a
    # thread's CPU time inside its wall-clock time
    assert 0 < row["script_p50_s"] <= row["p50_s"] and row["script_p95_s"] <= row["p95_s"]
    assert 0 < row["script_cpu_p50_s"] <= row["script_p50_s"]
