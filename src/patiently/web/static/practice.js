// Progressive enhancement of the practice chat: send a message without reloading the page.
// Without this file the form posts and the page reloads at the newest message.
(function () {
  "use strict";
  const form = document.getElementById("practice-form");
  const chat = document.getElementById("chat");
  if (!form || !chat) return;
  const box = form.querySelector("textarea[name=text]");
  const button = form.querySelector("button");
  const error = document.getElementById("practice-error");
  const turns = form.querySelector(".row .muted");
  chat.scrollTop = chat.scrollHeight;

  function add(role, who, text, pending) {
    const msg = document.createElement("div");
    msg.className = "msg " + role + (pending ? " pending" : "");
    const head = document.createElement("div");
    head.className = "who";
    head.textContent = who;
    const body = document.createElement("div");
    body.className = "text";
    body.textContent = text;
    msg.append(head, body);
    chat.append(msg);
    chat.scrollTop = chat.scrollHeight;
    return msg;
  }

  function showMood(state) {
    for (const el of document.querySelectorAll("[data-mood]")) {
      el.style.width = Math.round((state[el.dataset.mood] || 0) * 100) + "%";
    }
    for (const el of document.querySelectorAll("[data-mood-value]")) {
      el.textContent = (state[el.dataset.moodValue] || 0).toFixed(2);
    }
    const facts = document.querySelector("[data-state=facts]");
    if (facts) facts.textContent = (state.facts_uncovered || []).length;
    const steps = document.querySelector("[data-state=steps]");
    if (steps) steps.textContent = (state.steps_done || []).length;
  }

  function fail(message) {
    if (!error) return;
    error.textContent = message;
    error.hidden = false;
  }

  form.addEventListener("submit", async function (event) {
    const text = box.value.trim();
    if (!text) return; // let the browser say the field is required
    event.preventDefault();
    button.disabled = true;
    if (error) error.hidden = true;
    const mine = add("agent", "You", text, true);
    const customer = chat.querySelector(".msg.customer .who");
    try {
      const res = await fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        mine.remove();
        fail(data.error || "Could not send (" + res.status + "): reload the page.");
        return;
      }
      const turn = data.turn;
      mine.classList.remove("pending");
      mine.querySelector(".text").textContent = turn.trainee;
      add("customer", customer ? customer.textContent : "Customer", turn.customer, false);
      showMood(turn.state);
      box.value = "";
      if (turns) turns.textContent = turns.textContent.replace(/^\d+/, (n) => String(Number(n) + 1));
      if (turn.finished && turn.debrief_href) {
        window.location.assign(turn.debrief_href);
        return;
      }
      const end = document.getElementById("end");
      if (end) end.textContent = "End and see the debrief";
    } catch (e) {
      mine.remove(); // the text stays in the box to send again
      fail("Could not reach the server: try again in a moment.");
      return;
    } finally {
      button.disabled = false;
    }
    box.focus();
  });

  box.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter starts a new line (as in chat apps).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
