// Runs axe-core on HTML pages in headless Chromium and fails on any violation.
//
//   node tests/browser/axe.mjs PAGE.html [PAGE.html ...]
//
// Every rule axe runs by default is checked (WCAG 2.0–2.2 A and AA, and its best
// practices). The browser is Debian's (/usr/bin/chromium, or $CHROMIUM); puppeteer-core
// downloads none. Each page is opened from its file and axe is injected into it.
//
// A page with filters is checked in several states, each set through the address as a
// reader's shared link would set it: as it opens (every offer), one choice of the first
// group, one choice of every group at once, and a search that matches nothing (every
// stage hidden, the "no offers match" message shown); the filters' disclosure closed as
// the page opens, open in the filtered states. Each state is reported with its
// address and the count the page announces.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const pages = process.argv.slice(2);
if (pages.length === 0) {
  console.error("usage: node axe.mjs PAGE.html [PAGE.html ...]");
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
/// The addresses to check a page at: "" alone for a page without filters.
async function states(page) {
  return page.evaluate(() => {
    const form = document.getElementById("filters");
    if (!form) return [""];
    const groups = [...form.querySelectorAll("fieldset")].map((fieldset) => [
      ...fieldset.querySelectorAll("input[type=checkbox]"),
    ]);
    const hashes = [""];
    if (groups.length) hashes.push(groups[0][0].value);
    // One choice in every group that one offer has, so that something is still shown.
    let most = [];
    for (const offer of document.querySelectorAll("li.offer")) {
      const keys = groups
        .map((boxes) => boxes.find((box) => offer.dataset[box.name].split(" ").includes(box.value)))
        .filter(Boolean)
        .map((box) => box.value);
      if (keys.length > most.length) most = keys;
    }
    if (most.length > 1) hashes.push(most.join("+"));
    hashes.push("q=" + encodeURIComponent("no offer says this"));
    return hashes;
  });
}

/// Sets the address's hash and waits for the page to announce its count; returns the
/// count, or null for a page without filters.
async function show(page, hash) {
  return page.evaluate(async (hash) => {
    const status = document.getElementById("filters-status");
    if (!status) return null;
    const form = document.getElementById("filters");
    if (form.hidden) throw new Error("the script did not show the filters");
    // Filtered, the disclosure is opened, so that its controls are checked too.
    form.querySelector("details").open = hash !== "";
    location.hash = hash;
    const wanted = () => location.hash.slice(1) === hash;
    // The count is set after a moment; wait for the page to settle on it.
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (wanted()) break;
    }
    await new Promise((r) => setTimeout(r, 100));
    return status.textContent;
  }, hash);
}

let failed = 0;
try {
  for (const file of pages) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 800 });
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    for (const hash of await states(page)) {
      const status = await show(page, hash);
      const results = await page.evaluate(() => globalThis.axe.run(document));
      const { violations, passes, incomplete } = results;
      const state = status === null ? "" : ` ${hash ? "#" + hash : "as it opens"} (${status})`;
      console.log(
        `${file}${state}: ${violations.length} violations, ${passes.length} rules passed, ` +
          `${incomplete.length} to review by hand (axe ${results.testEngine.version})`,
      );
      for (const v of violations) {
        failed += 1;
        console.log(`  ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) {
          console.log(`    ${node.target.join(" ")}: ${node.failureSummary.replace(/\n/g, " ")}`);
        }
      }
      for (const r of incomplete) {
        console.log(`  to review: ${r.id}: ${r.help} (${r.nodes.length} elements)`);
      }
    }
    for (const error of errors) {
      failed += 1;
      console.log(`  the page's script failed: ${error}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
