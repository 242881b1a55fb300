// In Chromium: each language edition's home, an article and a show page at a phone's width and a
// desktop's, kept as screenshots; the language switcher leads from an article to its edition; a
// right-to-left language's article is laid out right to left.
// Usage: node editions_check.mjs PORT ARTIFACTS. Prints "N passed, M failed".
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { check, finish, launchChromium } from "../conformance/checks.mjs";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const base = `http://127.0.0.1:${process.argv[2]}`;
const artifacts = `${process.argv[3]}/editions`;
mkdirSync(artifacts, { recursive: true });
const pages = {
  fr: { home: "/", article: "/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire",
        show: "/shows/run-on" },
  en: { home: "/en/", article: "/articles/five-things-to-know-about-run-on", show: "/en/shows/run-on" },
  ko: { home: "/ko/", article: "/articles/leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati",
        show: "/ko/shows/run-on" },
};
const browser = await launchChromium(chromium);
try {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
    const page = await context.newPage();
    for (const [lang, paths] of Object.entries(pages)) {
      for (const [kind, path] of Object.entries(paths)) {
        const res = await page.goto(base + path);
        await page.waitForLoadState("networkidle");
        const shown = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          switcher: [...document.querySelectorAll(".language-switcher a")].map((a) => a.getAttribute("hreflang")),
          switcherVisible: !!document.querySelector(".language-switcher a")?.offsetParent,
        }));
        check(`${lang} ${kind} at ${width}px: 200 in ${lang}`, res.status() === 200 && shown.lang === lang, `${res.status()} ${shown.lang}`);
        check(`${lang} ${kind} at ${width}px: nothing wider than the screen`, shown.overflow <= 0, `${shown.overflow}px`);
        check(`${lang} ${kind} at ${width}px: the switcher offers every language of the site`,
              shown.switcherVisible && shown.switcher.join() === "fr,en,ko,ar", shown.switcher.join());
        await page.screenshot({ path: `${artifacts}/${lang}-${kind}-${width}.png`, fullPage: true });
      }
    }
    await context.close();
  }

  // The countdown to a show's next episode speaks each edition's language.
  const countdownPage = await browser.newPage();
  for (const [prefix, pattern] of [["", /^\(dans \d+ j \d\d h \d\d min\)$/], ["/en", /^\(in \d+ d \d\d h \d\d min\)$/],
                                   ["/ko", /^\(\d+일 \d\d시간 \d\d분 후\)$/]]) {
    await countdownPage.goto(`${base}${prefix}/shows/coming-soon`);
    const countdown = countdownPage.locator(".countdown");
    await countdown.waitFor({ state: "visible" });
    const text = await countdown.textContent();
    check(`the countdown at ${prefix || "/"} speaks its language`, pattern.test(text), text);
  }
  await countdownPage.close();

  // The switcher of the French article leads to its Korean edition, which speaks Korean.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + pages.fr.article);
  await page.locator('.language-switcher a[hreflang="ko"]').click();
  await page.waitForLoadState("load");
  check("the switcher leads from the French article to its Korean edition",
        page.url() === base + pages.ko.article && (await page.evaluate(() => document.documentElement.lang)) === "ko", page.url());

  // Right to left: the Arabic article's text starts at the right, its menus run from the right.
  await page.goto(`${base}/articles/run-on-bil-arabiya`);
  const rtl = await page.evaluate(() => {
    // The heading's lines: in right-to-left text the first one starts at the box's right edge.
    const heading = document.querySelector("h1");
    const box = heading.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(heading);
    const lines = [...range.getClientRects()];
    const items = [...document.querySelectorAll(".site-nav li")].map((li) => li.getBoundingClientRect().left);
    return {
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.querySelector(".article-body") || document.body).direction,
      rightGap: Math.round(box.right - lines[0].right),
      leftGap: Math.round(lines[lines.length - 1].left - box.left),
      navFromRight: items.length > 1 && items[0] > items[items.length - 1],
    };
  });
  check("the Arabic article is dir=rtl", rtl.dir === "rtl" && rtl.direction === "rtl", JSON.stringify(rtl));
  check("its heading starts at the right and ends short of the left", rtl.rightGap <= 2 && rtl.leftGap > 20, JSON.stringify(rtl));
  check("its menu runs from the right", rtl.navFromRight, JSON.stringify(rtl));
  await page.screenshot({ path: `${artifacts}/ar-article-1280.png`, fullPage: true });
  await context.close();
} finally {
  await browser.close();
}
finish();
