"""Does the practice debrief separate patient trainees from impatient ones? How fast is the customer?

Builds scripted trainee transcripts for every scenario from phrase banks: each trainee message
carries the scenario's content (a question that uncovers a hidden fact, or a resolution step,
worded from the scenario's own prototypes) inside a patient move (acknowledge, explain, give
time, check) or an impatient one (brush-off, blame, rush, jargon, point back, skip the question
and guess). A transcript is built from mostly patient moves (each move patient with probability
0.7..1) or mostly impatient ones (0..0.3), so most transcripts mix good and bad moves. Each is
played through a practice Session (the simulated customer) and debriefed; the AUC says how well
the debrief's overall patience score ranks patient-built above impatient-built transcripts.
Latency is the time of ``Session.reply`` (analysis in context + matching + the customer's line),
without an LLM.

    .venv/bin/python benchmarks/practice_separation.py               # 12 scenarios x 10 = 120
    .venv/bin/python benchmarks/practice_separation.py --per-scenario 20 --json

Targets: AUC >= 0.95 on >= 100 transcripts; customer-reply p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from typing import Any

from patiently.practice import Session, debrief, load_scenarios
from patiently.practice.scenario import Scenario

GOOD_OPEN = [
    "I'm sorry this has been such a hassle, that sounds really frustrating.",
    "Thanks for bearing with me, I know this is eating into your day.",
    "That makes sense, and I can see why you're worried.",
    "Thank you, that's really helpful.",
    "I understand, let's sort this out together.",
    "Good, we're getting closer.",
]
GOOD_CLOSE = [
    "Take your time, there's no rush.",
    "Let me know how that goes and I'll guide you from there.",
    "I'm right here with you.",
    "Quick update: I'm checking things on my side while you do that.",
    "Tell me what you see and we'll take the next step together.",
]
BAD_OPEN = [
    "Look, this is basic stuff.",
    "As I said before,",
    "It's not rocket science.",
    "You should have called earlier.",
    "That's not my problem, but fine.",
    "Ok whatever.",
]
BAD_CLOSE = [
    "Hurry up, I don't have all day.",
    "I have other tickets waiting.",
    "Just check the config and the logs.",
    "Anything else?",
    "Any time now.",
]
BAD_ONLY = [
    "Have you tried turning it off and on again?",
    "Just reinstall it.",
    "It's probably something you did.",
    "Ok, I'm closing this ticket now.",
    "Flush the DNS cache, renew the DHCP lease and re-provision the endpoint.",
]
GOOD_END = [
    "Is everything working for you now? Thank you for your patience, and let me know if anything else comes up.",
    "Could you check it's all working as expected? I'm glad we got there together.",
]


def plan(sc: Scenario, rng: random.Random) -> list[str]:
    """The content of each trainee message: ask for the facts each step needs, then give it."""
    out: list[str] = []
    asked: set[str] = set()
    facts = {f.id: f for f in sc.problem.facts}
    for step in sc.problem.steps:
        for fid in step.requires:
            if fid not in asked:
                asked.add(fid)
                out.append(rng.choice(facts[fid].ask))
        out.append(rng.choice(step.say))
    return out


def transcript(sc: Scenario, p_good: float, rng: random.Random) -> tuple[list[str], int]:
    """The trainee's lines and how many of the content moves were patient."""
    lines: list[str] = []
    good = 0
    for content in plan(sc, rng):
        if rng.random() < p_good:
            good += 1
            lines.append(f"{rng.choice(GOOD_OPEN)} {content} {rng.choice(GOOD_CLOSE)}")
        elif rng.random() < 0.35:  # skip the content and guess or brush off instead
            lines.append(f"{rng.choice(BAD_OPEN)} {rng.choice(BAD_ONLY)}")
        else:
            lines.append(f"{rng.choice(BAD_OPEN)} {content} {rng.choice(BAD_CLOSE)}")
    lines.append(rng.choice(GOOD_END) if rng.random() < p_good else rng.choice(BAD_ONLY[-2:]))
    if sc.rules.needs_time:  # a slow customer needs the turns to carry each step out
        lines = [x for line in lines for x in (line, "Take your time, tell me when you're ready."
                                                if rng.random() < p_good else "Come on, hurry up.")]
    return lines, good


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def run(per_scenario: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    scenarios = load_scenarios()
    scores: dict[str, list[float]] = {"patient": [], "impatient": []}
    resolved = {"patient": 0, "impatient": 0}
    latencies: list[float] = []
    mixed = 0
    for sc in scenarios.values():
        Session(sc).reply("warm up")  # load the analyser and embed the prototypes once
        for i in range(per_scenario):
            kind = "patient" if i % 2 == 0 else "impatient"
            p_good = rng.uniform(0.7, 1.0) if kind == "patient" else rng.uniform(0.0, 0.3)
            lines, good = transcript(sc, p_good, rng)
            session = Session(sc, seed=i)
            for line in lines:
                t = time.perf_counter()
                session.reply(line)
                latencies.append(time.perf_counter() - t)
            d = debrief(session, suggestions=0)
            scores[kind].append(float(d["overall"]))
            resolved[kind] += bool(session.state.resolved)
            mixed += 0 < good < len(plan(sc, random.Random(0)))
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    n = sum(len(v) for v in scores.values())
    return {
        "transcripts": n,
        "scenarios": len(scenarios),
        "mixed_transcripts": mixed,
        "auc": round(auc(scores["patient"], scores["impatient"]), 4),
        "mean_overall": {k: round(statistics.mean(v), 1) for k, v in scores.items()},
        "resolved_rate": {k: round(v / len(scores[k]), 2) for k, v in resolved.items()},
        "replies": len(latencies),
        "reply_ms": {"p50": round(q[49] * 1000, 1), "p95": round(q[94] * 1000, 1), "p99": round(q[98] * 1000, 1),
                     "max": round(latencies[-1] * 1000, 1)},
        "targets": {"auc": 0.95, "reply_p99_ms": 100},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-scenario", type=int, default=10, help="transcripts per scenario (half each kind)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = run(args.per_scenario, args.seed)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    ok_auc = res["auc"] >= 0.95
    ok_lat = res["reply_ms"]["p99"] <= 100
    print(f"transcripts: {res['transcripts']} over {res['scenarios']} scenarios "
          f"({res['mixed_transcripts']} mix patient and impatient moves)")
    print(f"AUC (overall score, patient vs impatient): {res['auc']:.4f}  target >= 0.95  "
          f"{'OK' if ok_auc else 'MISSED'}")
    print(f"mean overall: patient {res['mean_overall']['patient']}, impatient {res['mean_overall']['impatient']}; "
          f"resolved: patient {res['resolved_rate']['patient']:.0%}, impatient {res['resolved_rate']['impatient']:.0%}")
    r = res["reply_ms"]
    print(f"customer reply latency over {res['replies']} replies: p50 {r['p50']} ms, p95 {r['p95']} ms, "
          f"p99 {r['p99']} ms, max {r['max']} ms  target p99 <= 100 ms  {'OK' if ok_lat else 'MISSED'}")


if __name__ == "__main__":
    main()
