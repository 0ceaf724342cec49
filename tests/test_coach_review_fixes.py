"""Review of customer.frustration v14 (fixed in v15): the reply coach must not read a relieved or delighted customer as
frustrated from "gone!!" / "slow!!" or a shouted adverb beside thanks, and must still read the real ones."""

from __future__ import annotations

import pytest

from patiently.coach import check
from test_coach_misses import _serious


def _states(context: str) -> list[str]:
    return check("Glad to hear it.", context=context).context.customer


@pytest.mark.parametrize("context", [
    pytest.param("Customer: It worked, the error is gone!! Thanks so much!!", id="error_gone_thanks"),
    pytest.param("Customer: Wow, not so slow anymore!!", id="not_slow_anymore"),
    pytest.param("Customer: All gone!! Perfect, thank you!", id="all_gone_perfect"),
    pytest.param("Customer: Thanks, that worked! I NEVER knew that menu existed.", id="never_knew_thanks"),
])
def test_relieved_customer_is_not_frustrated(context: str) -> None:
    assert "frustrated" not in _states(context)
    assert not _serious("Glad to hear it.", context, "no_acknowledgment")


@pytest.mark.parametrize("context", [
    pytest.param("Customer: My files disappeared from the shared drive!!", id="files_disappeared"),
    pytest.param("Customer: Why is my internet so slow?! I pay for 500mb and get 20!!", id="so_slow"),
    pytest.param("Customer: my photos are gone!!", id="photos_gone"),
    pytest.param("Customer: I've called THREE times and you STILL send me a bill", id="still_bill"),
])
def test_upset_customer_is_still_frustrated(context: str) -> None:
    assert "frustrated" in _states(context)


def test_am_i_missing_something_is_not_frustrated() -> None:
    assert "frustrated" not in _states("Customer: I followed the steps. Am I missing something?!")
