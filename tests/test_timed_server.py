"""The load test's server-side clock (bench/timed_server.py): a script run's wall and CPU time, written per run."""
import threading

from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent

from bench import timed_server


def test_a_run_record_holds_wall_and_cpu_seconds_between_start_and_end():
    record = timed_server.run_record("finished", started=(10.0, 2.0), now=(10.75, 2.5), pid=42)
    assert record | {"at": 0} == {"pid": 42, "ending": "finished", "wall_s": 0.75, "cpu_s": 0.5, "at": 0}


def test_the_recorder_writes_one_line_per_ended_run_and_none_for_a_run_that_never_started(tmp_path):
    path = tmp_path / "runs.jsonl"
    on_event = timed_server.recorder(path)
    runner, other = object(), object()
    on_event(other, event=ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)     # never started: nothing to time
    on_event(runner, event=ScriptRunnerEvent.SCRIPT_STARTED)
    sum(range(200_000))                                                      # the script's own work
    on_event(runner, event=ScriptRunnerEvent.ENQUEUE_FORWARD_MSG)            # not an ending
    on_event(runner, event=ScriptRunnerEvent.SCRIPT_STOPPED_FOR_RERUN)
    on_event(runner, event=ScriptRunnerEvent.SCRIPT_STARTED)
    on_event(runner, event=ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)
    runs = timed_server.read_run_times(path)
    assert [run["ending"] for run in runs] == ["interrupted", "finished"]
    assert runs[0]["cpu_s"] > 0 and runs[0]["wall_s"] >= runs[0]["cpu_s"]


def test_cpu_time_is_the_script_threads_own_not_another_threads_work(tmp_path):
    path = tmp_path / "runs.jsonl"
    on_event = timed_server.recorder(path)
    runner = object()
    busy = threading.Thread(target=lambda: sum(range(3_000_000)))
    on_event(runner, event=ScriptRunnerEvent.SCRIPT_STARTED)
    busy.start()
    busy.join()                                                              # waiting costs this thread no CPU
    on_event(runner, event=ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)
    [run] = timed_server.read_run_times(path)
    assert run["cpu_s"] < run["wall_s"] / 2


def test_no_file_means_no_runs_yet(tmp_path):
    assert timed_server.read_run_times(tmp_path / "missing.jsonl") == []
