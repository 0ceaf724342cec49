from pathlib import Path

import pytest

from patiently.errors import ConfigError
from patiently.model import Finding, Span
from patiently.rubric import RubricError, load_rubric, overall, score_findings


def f(label: str, score: float = 1.0, author: str = "sam", mid: str = "m2", **data) -> Finding:
    return Finding(label, score, (Span(mid, 0, 4),), f"{label} found", "test@1", mid, author, data)


def test_default_rubric_has_ten_behaviours() -> None:
    r = load_rubric()
    assert len(r.behaviours) == 10
    assert {"empathy", "de_escalation", "trust_follow_through", "handling_repeats"} <= set(r.behaviours)


def test_credits_and_deductions_link_to_findings() -> None:
    r = load_rubric()
    findings = [f("agent.empathy"), f("agent.dismissive", mid="m4")]
    scores = score_findings(r, findings)
    emp = scores["empathy"]
    assert emp.score == pytest.approx(70 + 15 - 15)
    assert {(i.label, i.finding, i.message_id) for i in emp.items} == {
        ("agent.empathy", 0, "m2"), ("agent.dismissive", 1, "m4")}


def test_caps_per_rule() -> None:
    r = load_rubric()
    scores = score_findings(r, [f("agent.empathy", mid=f"m{i}") for i in range(6)])
    assert scores["empathy"].score == 100  # 70 + capped 30


def test_missing_behaviour_is_penalised_with_evidence() -> None:
    r = load_rubric()
    scores = score_findings(r, [f("customer.frustration", author="cust", mid="m1")])
    items = scores["empathy"].items
    assert items and items[0].label == "missing:agent.empathy" and items[0].message_id == "m1"
    assert scores["empathy"].score == 50


def test_not_applicable_behaviours_do_not_count() -> None:
    r = load_rubric()
    scores = score_findings(r, [])
    assert scores["handling_repeats"].score is None
    assert scores["de_escalation"].score is None
    assert overall(r, scores) is not None


def test_where_clause_matches_trajectory_data() -> None:
    r = load_rubric()
    calmed = [f("customer.frustration", author="cust"),
              f("customer.frustration_trajectory", 0.1, author="cust", trend="calmed")]
    worse = [f("customer.frustration", author="cust"),
             f("customer.frustration_trajectory", 0.9, author="cust", trend="escalating")]
    assert score_findings(r, calmed)["de_escalation"].score > score_findings(r, worse)["de_escalation"].score


def test_per_agent_scores_only_count_their_own_findings() -> None:
    r = load_rubric()
    findings = [f("agent.blame", author="tom", mid="m3"), f("agent.empathy", author="sam")]
    sam = score_findings(r, findings, agent="sam", agent_ids=["sam", "tom"])
    tom = score_findings(r, findings, agent="tom", agent_ids=["sam", "tom"])
    assert sam["professional_courtesy"].score > tom["professional_courtesy"].score


def test_weight_override_and_validation(tmp_path: Path) -> None:
    r = load_rubric(overrides=["empathy.weight=3", "behaviours.de_escalation.baseline=60"])
    assert r.behaviours["empathy"].weight == 3
    assert r.behaviours["de_escalation"].baseline == 60
    with pytest.raises(ConfigError, match="weight"):
        load_rubric(overrides=["empathy.weight=-1"])
    bad = tmp_path / "r.yaml"
    bad.write_text("name: x\nbehaviours:\n  empathy:\n    title: E\n    description: d\n    colour: red\n")
    with pytest.raises(ConfigError, match=r"r\.yaml.*\n.*colour"):
        load_rubric(bad)


# YAML that parses but must not become a rubric (found in review: each broke something later).
MINIMAL = """name: r
behaviours:
  empathy:
    title: Empathy
    description: d
    weight: {weight}
    credits:
    - {{label: agent.empathy, points: {points}}}
"""


@pytest.mark.parametrize(("weight", "points", "field"), [
    (".inf", "10", "weight"),      # inf / inf made every overall score NaN and the dashboard a 500
    ("1.0e+400", "10", "weight"),  # the same, written as a number too big for a float
    ("101", "10", "weight"),       # the weights form stops at 100: so does the file
    ("1", ".nan", "points"),
    ("1", "5000", "points"),
])
def test_infinite_or_absurd_numbers_are_refused(weight: str, points: str, field: str) -> None:
    from patiently.rubric import RubricError, parse_rubric

    with pytest.raises(RubricError) as err:
        parse_rubric(MINIMAL.format(weight=weight, points=points))
    assert any(p.field.endswith(field) and p.line for p in err.value.problems), err.value.problems


def test_a_number_of_thousands_of_digits_is_a_rubric_error_not_a_crash() -> None:
    from patiently.rubric import RubricError, parse_rubric

    with pytest.raises(RubricError, match="not valid YAML"):
        parse_rubric(MINIMAL.format(weight="9" * 5000, points="10"))


def test_yaml_aliases_are_refused() -> None:
    from patiently.rubric import RubricError, parse_rubric

    bomb = MINIMAL.format(weight="1", points="10") + "x: &a [1, 2]\ny: [*a, *a]\n"
    with pytest.raises(RubricError) as err:
        parse_rubric(bomb)
    assert err.value.problems[0].line == 10 and "alias" in err.value.problems[0].message


def test_a_key_given_twice_is_refused_with_its_line() -> None:
    from patiently.rubric import RubricError, parse_rubric

    twice = MINIMAL.format(weight="1", points="10") + "  empathy:\n    title: Again\n    description: d\n"
    with pytest.raises(RubricError) as err:
        parse_rubric(twice)
    assert [(p.line, p.field) for p in err.value.problems] == [(9, "empathy")]


def test_rubric_weight_true_is_not_a_number_and_deep_or_utf16_files_are_clear_errors(tmp_path: Path) -> None:
    from patiently.rubric import RubricError, parse_rubric

    with pytest.raises(RubricError, match="expected a number, not true/false"):
        parse_rubric(MINIMAL.format(weight="true", points="10"))
    with pytest.raises(RubricError, match="nested too deeply"):
        parse_rubric("name: x\nbehaviours: " + "[" * 1000 + "]" * 1000 + "\n")
    p = tmp_path / "r.yaml"
    p.write_text(MINIMAL.format(weight="1", points="10"), encoding="utf-16")
    with pytest.raises(ConfigError, match=r"r\.yaml: cannot read rubric: .*UTF-16"):
        load_rubric(p)


@pytest.mark.parametrize(("old", "new", "line", "field", "message"), [
    ("title: Empathy", 'title: "Emp\\ud800athy"', 4, "behaviours.empathy.title", "lone surrogate at character 4"),
    ("title: Empathy", 'title: "Emp\\0athy"', 4, "behaviours.empathy.title", "NUL character"),
    ("label: agent.empathy", 'label: "agent.\\udc80"', 8, "behaviours.empathy.credits[0].label", "lone surrogate"),
    ("  empathy:", '  "emp\\ud800athy":', 3, "behaviours", "a key is not valid Unicode"),
    ("name: r", 'name: "r\\0"', 1, "name", "NUL character"),
])
def test_text_that_cannot_be_stored_is_refused_with_line_and_field(old: str, new: str, line: int, field: str,
                                                                   message: str) -> None:
    # A lone surrogate made every page showing the rubric a 500; PostgreSQL refuses a NUL.
    from patiently.rubric import RubricError, parse_rubric

    text = MINIMAL.format(weight="1", points="10").replace(old, new, 1)
    with pytest.raises(RubricError) as err:
        parse_rubric(text)
    assert [(p.line, p.field) for p in err.value.problems] == [(line, field)]
    assert message in err.value.problems[0].message
    str(err.value).encode("utf-8")  # the error itself can be printed and sent


def test_a_rubric_name_fits_the_web_apps_column() -> None:
    from patiently.rubric import MAX_NAME_CHARS, RubricError, parse_rubric

    ok = parse_rubric(MINIMAL.format(weight="1", points="10").replace("name: r", "name: " + "n" * MAX_NAME_CHARS))
    assert len(ok.id) <= 120
    with pytest.raises(RubricError) as err:
        parse_rubric(MINIMAL.format(weight="1", points="10").replace("name: r", "name: " + "n" * 10_000))
    assert [(p.line, p.field) for p in err.value.problems] == [(1, "name")]
    assert "at most 100 characters" in err.value.problems[0].message


def test_calming_down_is_credit_only_when_the_agent_contributed() -> None:
    # QA: "+15 the customer calmed down" for an agent who never acknowledged the customer.
    r = load_rubric()
    calmed = [f("customer.frustration", author="cust", mid="m1"),
              f("customer.frustration_trajectory", 0.1, author="cust", mid="m1", trend="calmed")]
    fix_only = score_findings(r, calmed)["de_escalation"]
    assert fix_only.score == 65 and fix_only.observed
    assert [i.points for i in fix_only.items] == [0.0] and "no credit" in fix_only.items[0].note
    helped = score_findings(r, [*calmed, f("agent.empathy", mid="m2")])["de_escalation"]
    assert helped.score == 80  # 65 + 30 x max(score, 0.5)


def test_a_repeat_answered_patiently_is_credit_and_one_answered_with_as_i_said_is_not() -> None:
    # QA: a trainee who answered the same worried question three times, patiently, stayed at the
    # baseline: handling repeats had deductions only.
    r = load_rubric()
    asked_again = [f("customer.repeat", author="cust", mid="m3")]
    bare = score_findings(r, asked_again)["handling_repeats"]
    assert bare.score == 75 and [i.points for i in bare.items] == [0.0]  # no patient answer seen
    patient = score_findings(r, [*asked_again, f("agent.step_by_step", mid="m4")])["handling_repeats"]
    assert patient.score == 85 and "full, patient answer" in patient.items[0].note
    curt = score_findings(r, [*asked_again, f("agent.step_by_step", mid="m4"),
                              f("agent.impatient_repeat", mid="m4")])["handling_repeats"]
    assert curt.score == 50  # no credit next to "as I said", and its deduction
    assert "impatient repeat: no credit" in curt.items[0].note


def test_a_stock_line_is_no_acknowledgment_for_requires() -> None:
    # agent.empathy from a stock line scores 0.3: "I understand your frustration" did not earn the
    # calming down (three examples written as impatient got the credit through it).
    r = load_rubric()
    calmed = [f("customer.frustration", author="cust", mid="m1"),
              f("customer.frustration_trajectory", 0.1, author="cust", mid="m1", trend="calmed")]
    stock = score_findings(r, [*calmed, f("agent.empathy", 0.3, mid="m2", stock=True)])["de_escalation"]
    assert stock.score == 65 and "no credit" in stock.items[0].note


def test_behaviours_at_their_baseline_count_less_in_the_overall() -> None:
    r = load_rubric()
    assert r.unobserved_weight == 0.25
    nothing = score_findings(r, [])
    # nothing seen at all: the mean of the baselines, as before
    assert overall(r, nothing) == round(sum(b.weight * b.baseline for n, b in r.behaviours.items()
                                            if nothing[n].score is not None)
                                        / sum(b.weight for n, b in r.behaviours.items()
                                              if nothing[n].score is not None), 1)
    rude = score_findings(r, [f("agent.condescending", mid="m2"), f("agent.condescending", mid="m4")])
    assert rude["professional_courtesy"].observed and not rude["respecting_pace"].observed
    flat = load_rubric(overrides=["unobserved_weight=1"])
    assert overall(r, rude) is not None and overall(flat, rude) is not None
    assert overall(r, rude) < overall(flat, rude) - 5  # two insults cost more than ~2 points


def test_requires_labels_are_checked_like_rule_labels() -> None:
    from patiently.rubric import RubricError, default_rubric_text, parse_rubric

    text = default_rubric_text().replace("agent.progress_update]", "agent.progres_update]")
    with pytest.raises(RubricError, match="requires"):
        parse_rubric(text, labels={lbl for b in load_rubric().behaviours.values()
                                   for rule in [*b.credits, *b.deductions]
                                   for lbl in [rule.label, *rule.requires, *rule.unless]}
                     | {"customer.frustration", "customer.confusion", "customer.repeat"})


def test_a_mistyped_behaviour_in_set_is_named_as_from_set_without_a_line() -> None:
    """It blamed a line of the packaged default.yaml that the user never touched."""
    with pytest.raises(RubricError) as info:
        load_rubric(overrides=["empathyy.weight=2"])
    (problem,) = info.value.problems
    assert problem.line is None and problem.field == "empathyy"
    assert problem.message.endswith("(from --set)") and "behaviours are empathy" in problem.message
