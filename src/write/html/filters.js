// The filters of waypost's HTML version. Without this script the form stays hidden and
// every offer is shown. Ticked boxes of one group match any of them; the groups, and the
// words of the search, must all match. The view lives in the address (#free+online,
// q=… for the search), so it can be shared, and is read again when the address changes.
"use strict";
(() => {
  const form = document.getElementById("filters");
  if (!form) return;
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  const search = document.getElementById("filters-q");
  const status = document.getElementById("filters-status");
  const noMatch = document.getElementById("no-match");
  const offers = [...document.querySelectorAll("li.offer")];
  const sections = [...document.querySelectorAll("section.stage")];
  // Searching ignores case and accents: "wyneb" finds "ŵyneb", "cafe" finds "café".
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const texts = offers.map((offer) =>
    fold(
      [...offer.querySelectorAll("h3, .provider, .description")]
        .map((e) => e.textContent)
        .join(" "),
    ),
  );
  let announcing;

  // Shows the offers that match; the count is announced at once, or, while typing, once
  // the typing pauses, so that a screen reader is not read every keystroke's count.
  const show = (pause) => {
    const words = fold(search.value).split(/\s+/).filter(Boolean);
    const ticked = {};
    for (const box of boxes) {
      if (box.checked) (ticked[box.name] ||= []).push(box.value);
    }
    const groups = Object.entries(ticked);
    const filtered = groups.length > 0 || words.length > 0;
    let shown = 0;
    offers.forEach((offer, i) => {
      const match =
        groups.every(([name, keys]) =>
          (offer.dataset[name] || "").split(" ").some((key) => keys.includes(key)),
        ) && words.every((word) => texts[i].includes(word));
      offer.hidden = !match;
      if (match) shown += 1;
    });
    for (const section of sections) {
      section.hidden = filtered && !section.querySelector("li.offer:not([hidden])");
    }
    noMatch.hidden = shown > 0;
    form.classList.toggle("filtered", filtered);
    const count = status.dataset.template
      .split("{n}")
      .join(String(shown))
      .split("{total}")
      .join(String(offers.length));
    clearTimeout(announcing);
    announcing = setTimeout(() => (status.textContent = count), pause);
  };

  // The address of the view shown: the ticked keys in the form's order, then the search.
  const save = () => {
    const keys = boxes.filter((box) => box.checked).map((box) => box.value);
    const query = search.value.trim();
    if (query) keys.push("q=" + encodeURIComponent(query));
    const hash = keys.length ? "#" + keys.join("+") : "";
    if (hash === location.hash) return;
    // replaceState changes the address without scrolling to an element of that id (the
    // stages' headings are stage-1 …) and without a history entry for every tick.
    try {
      history.replaceState(null, "", location.href.split("#")[0] + hash);
    } catch {
      // A page in a sandbox may not change its address; the view has changed all the same.
    }
  };

  const load = () => {
    const keys = location.hash.slice(1).split("+");
    for (const box of boxes) box.checked = keys.includes(box.value);
    const query = keys.find((key) => key.startsWith("q="));
    try {
      search.value = query ? decodeURIComponent(query.slice(2)) : "";
    } catch {
      search.value = query.slice(2);
    }
    show(0);
  };

  form.addEventListener("change", (event) => {
    if (event.target !== search) {
      show(0);
      save();
    }
  });
  search.addEventListener("input", () => {
    show(700);
    save();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("filters-clear").addEventListener("click", () => {
    for (const box of boxes) box.checked = false;
    search.value = "";
    show(0);
    save();
  });
  window.addEventListener("hashchange", load);
  load();
  form.hidden = false;
})();
