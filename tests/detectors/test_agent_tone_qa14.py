"""agent.tone v2 (QA pass 14): a condescending reading of a sentence that only describes where a control is and
what it looks like is dropped; a sentence about the customer is not excused."""

from __future__ import annotations

import pytest

from patiently.coach import check
from patiently.detectors.agent_tone import _describes_device

G10_CONTEXT = ("Customer: I'm not good with technology at all. My printer just says 'offline' and I have to print my "
               "pension forms today.")
G10 = ("You're doing fine, and you haven't broken anything. Let's try one small thing: on the front of the printer "
       "there is a round button with a little power symbol. Press it once and wait until the light stops blinking. "
       "Then tell me what colour the light is.")


def test_g10_a_plain_description_of_the_power_button_is_quiet() -> None:
    r = check(G10, G10_CONTEXT)
    assert not [f for f in r.flags if f.severity != "info"]


@pytest.mark.parametrize("sentence", [
    "On the front of the printer there is a round button with a little power symbol.",
    "There's a small reset button on the back of the router, next to the cable.",
    "In the top right corner of the screen there is a little gear icon.",
])
def test_a_sentence_describing_a_control_and_its_place_describes_the_device(sentence: str) -> None:
    assert _describes_device(sentence)


@pytest.mark.parametrize("sentence", [
    "It's the big round button on the front, you can't miss it.",
    "Even you can find the button on the front.",
    "Look for the button yourself, it's on the side.",
    "The printer is offline.",  # no control, no place
    "Press the power button.",  # a control, no place
    # review: a jab in another clause of the same sentence keeps the tone model's reading
    "The power button is on the top of the printer, it is literally the only button, how did anyone miss it.",
])
def test_a_sentence_about_the_customer_or_without_a_place_is_not_excused(sentence: str) -> None:
    assert not _describes_device(sentence)
