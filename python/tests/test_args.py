# SPDX-License-Identifier: MIT
"""Wrong arguments are exceptions naming the argument; progress; Ctrl-C; pandas shapes."""
import os
import signal
import threading
import time

import pytest

from conftest import parley


@pytest.mark.parametrize("call,exc,match", [
    (lambda s: s.forecast(models="foo"), ValueError, "models"),
    (lambda s: s.forecast(models=[]), TypeError, "models"),
    (lambda s: s.forecast(weights="heavy"), ValueError, "weights"),
    (lambda s: s.forecast(weights=1), TypeError, "weights"),
    (lambda s: s.forecast(rounds="10"), TypeError, "rounds"),
    (lambda s: s.forecast(rounds=-1), ValueError, "rounds"),
    (lambda s: s.forecast(eum_preset="best"), ValueError, "eum_preset"),
    (lambda s: s.forecast(colour="red"), TypeError, "colour"),
    (lambda s: s.forecast(trajectory="yes"), TypeError, "trajectory"),
    (lambda s: s.settle(step="fine"), TypeError, "step"),
    (lambda s: s.settle(step=0), ValueError, "step"),
    (lambda s: s.settle(tau=float("nan")), ValueError, "tau"),
    (lambda s: s.settle(parties=[1, 2]), TypeError, "parties"),
    (lambda s: s.settle(proposal=3), TypeError, "proposal"),
    (lambda s: s.stress(draws=-5), ValueError, "draws"),
    (lambda s: s.stress(draws=0), ValueError, "draws"),
    (lambda s: s.stress(draws="100"), TypeError, "draws"),
    (lambda s: s.stress(draws=True), TypeError, "draws"),
    (lambda s: s.stress(draws=10, threads=0), ValueError, "threads"),
    (lambda s: s.stress(draws=10, analyses=["weather"]), ValueError, "analyses"),
    (lambda s: s.stress(draws=10, progress="bar"), TypeError, "progress"),
    (lambda s: s.claims(draws=-1), ValueError, "draws"),
    (lambda s: s.claims(draws=0, explain=True, breakeven=False), ValueError, "explain"),
    (lambda s: s.power(body="senate"), ValueError, "body"),
    (lambda s: s.power(against=7), TypeError, "against"),
    (lambda s: s.evaluate(resamples=0), ValueError, "resamples"),
    (lambda s: s.report(draws=-1), ValueError, "draws"),
    (lambda s: s.bargain(first="XXX"), ValueError, "first"),
    (lambda s: s.bargain(delta=[0.5, 0.5]), ValueError, "delta"),
    (lambda s: s.bargain(delta=2), ValueError, "delta"),
    (lambda s: s.bargain(horizon=0), ValueError, "horizon"),
])
def test_bad_arguments(builtin, call, exc, match):
    with pytest.raises(exc, match=match):
        call(builtin)


def test_bad_proposal_has_position(builtin, tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("TERR: 75\nNATO: 250\n")
    with pytest.raises(parley.ScenarioError) as ei:
        builtin.settle(proposal=p)
    assert (ei.value.file, ei.value.line) == (str(p), 2) and ei.value.col >= 1
    with pytest.raises(parley.ScenarioError, match="cannot open"):
        builtin.settle(proposal="no-such-proposal")


def test_progress_callback(builtin):
    seen = []
    builtin.stress(draws=300, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (300, 300)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    phases = []
    builtin.settle(progress=lambda d, t: phases.append((d, t)))
    assert phases and phases[-1][0] == phases[-1][1]


def test_progress_bar_on_stderr(builtin, capsys):
    builtin.stress(draws=50, progress=True)
    err = capsys.readouterr().err
    assert "stress: 50/50 draws (100%)" in err


def test_exception_in_progress_is_raised(builtin):
    def boom(done, total):
        raise RuntimeError("stop here")
    with pytest.raises(RuntimeError, match="stop here"):
        builtin.stress(draws=600, analyses=["forecast"], models=["mean"], progress=boom)


def test_ctrl_c_stops_stress(builtin):
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    t0 = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            builtin.stress(draws=10**7)  # hours of work if not stopped
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, old)
    assert time.monotonic() - t0 < 600


def test_other_threads_run_during_a_call(builtin):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)
    th = threading.Thread(target=tick)
    th.start()
    n0 = len(ticks)
    builtin.stress(draws=200)
    stop.set()
    th.join()
    assert len(ticks) - n0 > 10  # the GIL was released while the library worked


def test_pandas_shapes(builtin):
    pd = pytest.importorskip("pandas")
    f = builtin.forecast().to_pandas()
    assert isinstance(f, pd.DataFrame)
    # 6 issues x 5 models (all but smp), columns of the CLI's CSV
    assert f.shape == (30, 5)
    assert list(f.columns) == ["issue", "model", "forecast", "nearest", "anchor"]
    st = builtin.settle()
    assert st.to_pandas().shape[0] >= 4 and "solution" in st.to_pandas().columns
    assert st.frontier.to_pandas().shape[0] > 0
    p = builtin.power().to_pandas()
    assert set(p["body"]) == set(builtin.bodies)
    s = builtin.stress(draws=20)
    assert s.to_pandas().shape[0] == len(s.to_dict()["stress"]["numbers"])
    assert set(s.tables()) >= {"numbers", "flags"}
    with pytest.raises(ValueError, match="no such table"):
        s.to_pandas("nope")
