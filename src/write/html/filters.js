// The filters of waypost's HTML version. Without this script the form stays hidden and
// every offer is shown. Ticked boxes of one group match any of them; the groups, and the
// words of the search, must all match. The view lives in the address (#free+online,
// q=… for the search), so it can be shared, and is read again when the address changes;
// it is read whatever its case (#Free+ONLINE), and words in it that name no filter are
// counted and said, not silently dropped. The form's heading is a disclosure's summary
// that says how many filters are in use, so the closed form takes one line.
"use strict";
(() => {
  const form = document.getElementById("filters");
  if (!form) return;
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  const search = document.getElementById("filters-q");
  const status = document.getElementById("filters-status");
  const noMatch = document.getElementById("no-match");
  const active = document.getElementById("filters-active");
  const unknown = document.getElementById("filters-unknown");
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
  // A label's words with its numbers in place: {n}, and {total} for all the offers.
  const words = (template, n) =>
    template.split("{n}").join(String(n)).split("{total}").join(String(offers.length));

  // Shows the offers that match; the count is announced at once, or, while typing, once
  // the typing pauses, so that a screen reader is not read every keystroke's count.
  const show = (pause) => {
    const searched = fold(search.value).split(/\s+/).filter(Boolean);
    const ticked = {};
    for (const box of boxes) {
      if (box.checked) (ticked[box.name] ||= []).push(box.value);
    }
    const groups = Object.entries(ticked);
    const filtered = groups.length > 0 || searched.length > 0;
    let shown = 0;
    offers.forEach((offer, i) => {
      const match =
        groups.every(([name, keys]) =>
          (offer.dataset[name] || "").split(" ").some((key) => keys.includes(key)),
        ) && searched.every((word) => texts[i].includes(word));
      offer.hidden = !match;
      if (match) shown += 1;
    });
    for (const section of sections) {
      section.hidden = filtered && !section.querySelector("li.offer:not([hidden])");
    }
    noMatch.hidden = shown > 0;
    form.classList.toggle("filtered", filtered);
    // The search counts as one filter, however many words it has.
    const using = boxes.filter((box) => box.checked).length + (searched.length > 0 ? 1 : 0);
    active.textContent = "(" + words(active.dataset.template, using) + ")";
    active.hidden = using === 0;
    const count = words(status.dataset.template, shown);
    clearTimeout(announcing);
    announcing = setTimeout(() => (status.textContent = count), pause);
  };

  // The address of the view shown: the ticked keys in the form's order, then the search.
  const save = () => {
    // The address is now the form's own: any words it held that named no filter are gone.
    unknown.textContent = "";
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
    const parts = location.hash.slice(1).split("+").filter(Boolean);
    // Keys are lower case; the search keeps the case it was typed in.
    const keys = parts.map((part) => part.toLowerCase());
    for (const box of boxes) box.checked = keys.includes(box.value);
    const at = keys.findIndex((key) => key.startsWith("q="));
    const query = at < 0 ? "" : parts[at].slice(2);
    try {
      search.value = decodeURIComponent(query);
    } catch {
      search.value = query;
    }
    const values = boxes.map((box) => box.value);
    const strays = keys.filter((key, i) => i !== at && !values.includes(key)).length;
    unknown.textContent = strays ? words(unknown.dataset.template, strays) : "";
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
  // The skip link goes to the first stage still shown, and leaves the address (the view)
  // as it is: its own target, #stage-1, would read as a filter.
  const skip = document.querySelector("a.skip");
  skip?.addEventListener("click", (event) => {
    const heading = document.querySelector("section.stage:not([hidden]) h2");
    if (!heading) return;
    event.preventDefault();
    heading.tabIndex = -1;
    heading.focus();
  });
  load();
  form.hidden = false;
})();
