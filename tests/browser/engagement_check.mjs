// In Chromium: react to an article and see the counts; press play on a video facade and see
// the player; and no request leaves for another host before the click.
// Usage: node engagement_check.mjs PORT ARTIFACTS. Prints "N passed, M failed".
import { createRequire } from "node:module";
import { check, finish, launchChromium } from "../conformance/checks.mjs";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const base = `http://127.0.0.1:${process.argv[2]}`;
const artifacts = process.argv[3];
const browser = await launchChromium(chromium);
try {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const offSite = () => requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:"));

  // --- reactions ---------------------------------------------------------------------------
  await page.goto(`${base}/articles/teaser-run-on-video`);
  const like = page.locator("button[name=reaction][value=like]");
  await page.waitForLoadState("networkidle");
  check("the reaction buttons are there", await page.locator("button[name=reaction]").count() === 6);
  check("no count before anyone reacts", (await like.locator(".count").textContent()) === "");
  await like.click();
  await page.waitForFunction(() => document.querySelector("button[value=like] .count").textContent === "1");
  check("a click counts the reaction in place", (await like.locator(".count").textContent()) === "1");
  check("the chosen reaction is pressed", (await like.getAttribute("aria-pressed")) === "true");
  check("the page did not change", page.url() === `${base}/articles/teaser-run-on-video`);
  await page.locator("button[name=reaction][value=cant_wait]").click();
  await page.waitForFunction(() => document.querySelector("button[value=cant_wait] .count").textContent === "1");
  check("changing one's mind moves the count", (await like.locator(".count").textContent()) === "");
  await page.reload();
  await page.waitForLoadState("networkidle");
  check("after a reload the reader's choice is still theirs",
        (await page.locator("button[name=reaction][value=cant_wait]").getAttribute("aria-pressed")) === "true" &&
        (await page.locator("button[name=reaction][value=cant_wait] .count").textContent()) === "1");
  await page.locator("#reactions").screenshot({ path: `${artifacts}/reactions.png` });

  // --- video facade ------------------------------------------------------------------------
  const figure = page.locator("figure.video-youtube");
  check("the video is a facade with a poster", await figure.locator("img").count() === 1 && await figure.locator("iframe").count() === 0);
  check("nothing went to another host before the click", offSite().length === 0, offSite().join(" "));
  await figure.screenshot({ path: `${artifacts}/video-facade.png` });
  await figure.locator(".video-facade").click();
  const frame = figure.locator("iframe");
  await frame.waitFor({ state: "attached" });
  const src = await frame.getAttribute("src");
  check("the click loads the privacy-enhanced player", src === "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", src);
  await page.waitForTimeout(500);
  check("only then does a request leave, and only for the player",
        offSite().length > 0 && offSite().every((u) => u.startsWith("https://www.youtube-nocookie.com/")), offSite().join(" "));

  // --- without JavaScript: the form posts and comes back --------------------------------------
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noscript = await plain.newPage();
  await noscript.goto(`${base}/articles/teaser-run-on-video`);
  await noscript.locator("button[name=reaction][value=support]").click();
  await noscript.waitForLoadState("load");
  check("without JavaScript the form brings the reader back to the article",
        noscript.url() === `${base}/articles/teaser-run-on-video#reactions`, noscript.url());
  const counts = await (await fetch(`${base}/api/v1/articles/${await articleId()}/reactions`)).json();
  check("and the reaction counts", counts.counts.support === 1 && counts.counts.cant_wait === 1, JSON.stringify(counts));
  await noscript.screenshot({ path: `${artifacts}/article-without-javascript.png`, fullPage: true });

  // --- Watch now: the reader's region first ---------------------------------------------------
  // Run On here streams on Netflix in France and Belgium, and on Viki in the United States.
  for (const [locale, shown, hidden] of [["fr-FR", "Netflix", "Viki"], ["en-US", "Viki", "Netflix"]]) {
    const reader = await browser.newContext({ locale });
    const show = await reader.newPage();
    await show.goto(`${base}/shows/run-on`);
    const visible = async (provider) => show.locator(`[data-watch] a:has-text("Regarder sur ${provider}")`).isVisible();
    check(`a reader in ${locale} sees ${shown} and not ${hidden} on the show page`, await visible(shown) && !(await visible(hidden)));
    await show.goto(`${base}/articles/teaser-run-on-video`);
    check(`and the same in the box of an article about the show`,
          await show.locator(`.show-box a:has-text("Regarder sur ${shown}")`).isVisible() &&
          !(await show.locator(`.show-box a:has-text("Regarder sur ${hidden}")`).isVisible()));
    await reader.close();
  }
} finally {
  await browser.close();
}

async function articleId() {
  const list = await (await fetch(`${base}/api/v1/articles?limit=50`)).json();
  return list.items.find((a) => a.slug === "teaser-run-on-video").id;
}
finish();
