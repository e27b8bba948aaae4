// Runs axe-core on HTML pages in headless Chromium and fails on any violation.
//
//   node tests/browser/axe.mjs PAGE.html [PAGE.html ...]
//
// Every rule axe runs by default is checked (WCAG 2.0–2.2 A and AA, and its best
// practices). The browser is Debian's (/usr/bin/chromium, or $CHROMIUM); puppeteer-core
// downloads none. Each page is opened from its file and axe is injected into it: the pages
// have no scripts of their own.
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
let failed = 0;
try {
  for (const file of pages) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 800 });
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const results = await page.evaluate(() => globalThis.axe.run(document));
    const { violations, passes, incomplete } = results;
    console.log(
      `${file}: ${violations.length} violations, ${passes.length} rules passed, ` +
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
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
