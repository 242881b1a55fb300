// In Chromium: comment without JavaScript (the form posts and comes back) and with it (the
// token made as the reader starts writing), moderate in the newsroom, and read hostile comments
// (script tags, event attributes, javascript: and data: links, SVG, broken markup, Unicode
// tricks) without any script running, any dialog opening or any request leaving for another host.
// Usage: node comments_check.mjs PORT ARTIFACTS EMAIL PASSWORD. Prints "N passed, M failed".
import { createRequire } from "node:module";
import { check, finish, launchChromium } from "../conformance/checks.mjs";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [, , port, artifacts, email, password] = process.argv;
const base = `http://127.0.0.1:${port}`;
const slug = "teaser-run-on-video";
const list = await (await fetch(`${base}/api/v1/articles?limit=50`)).json();
const articleId = list.items.find((a) => a.slug === slug).id;
// The form refuses what is sent back within 3 seconds of the form being made: a person types.
const typing = 3500;

const hostile = [
  ["Script", "<script>window.__xss = 1</script>Texte après un script"],
  ["Image", "<img src=x onerror=\"window.__xss = 2\">Une image cassée"],
  ["Lien", "[cliquez](javascript:window.__xss=3) et [données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["SVG", "<svg onload=\"window.__xss = 4\"><circle r=\"9\"/></svg>Un dessin"],
  ["\"><script>window.__xss = 5</script>", "Un nom piégé"],
  ["Balises", "<b <i onmouseover=\"window.__xss=6\">mal fermées</i"],
  ["Unicode", "[java\u200bscript](java\u200bscript:window.__xss=7) \u202egnp.exe ![pixel](https://evil.example/pixel.png)"],
  ["Entité", "<a href=\"javas&#99;ript:window.__xss=8\">entité</a> et [échappé](&#106;avascript:window.__xss=9)"],
];

const browser = await launchChromium(chromium);
try {
  // --- without JavaScript: post, then see it waiting ----------------------------------------
  const plain = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
  const noScript = await plain.newPage();
  await noScript.goto(`${base}/articles/${slug}`);
  await noScript.fill("#comment-author", "Lectrice sans script");
  await noScript.fill("#comment-body", "Un avis *sans* JavaScript");
  await noScript.waitForTimeout(typing);
  await noScript.click("#comment-form button[type=submit]");
  check("without JavaScript the form posts and shows the comment to its writer, waiting",
        noScript.url().includes("/comments/") && (await noScript.locator(".comment-pending").textContent()) === "En attente de modération",
        noScript.url());
  await noScript.screenshot({ path: `${artifacts}/comment-pending.png` });
  await plain.close();

  // --- with JavaScript: the token is made when the reader starts writing ---------------------
  const scripted = await browser.newContext({ locale: "fr-FR" });
  const reader = await scripted.newPage();
  await reader.goto(`${base}/articles/${slug}`);
  const cachedToken = await reader.locator("input[name=token]").inputValue();
  await reader.fill("#comment-author", "Lecteur avec script");
  await reader.waitForFunction((old) => document.querySelector("input[name=token]").value !== old, cachedToken);
  check("focusing the form replaces the page's token with one made now",
        (await reader.locator("input[name=token]").inputValue()) !== cachedToken);
  await reader.fill("#comment-body", "Un avis avec JavaScript");
  await reader.waitForTimeout(typing);
  await reader.click("#comment-form button[type=submit]");
  await reader.locator(".comment-pending").waitFor();
  check("with JavaScript the comment is sent in place and shown to its writer, waiting",
        reader.url() === `${base}/articles/${slug}` &&
        (await reader.locator(".comment:has-text('Un avis avec JavaScript') .comment-pending").count()) === 1 &&
        (await reader.locator("#comment-body").inputValue()) === "", reader.url());
  const sentAt = reader.locator(".comment:has-text('Un avis avec JavaScript') time");
  check("its time is shown in the reader's zone, as the page's are", (await sentAt.getAttribute("title")) !== null &&
        !(await sentAt.textContent()).includes("UTC+9"), await sentAt.textContent());
  await reader.screenshot({ path: `${artifacts}/comment-in-place.png` });
  await scripted.close();

  // --- hostile comments, approved in the newsroom --------------------------------------------
  for (const [author, body] of hostile) {
    const res = await fetch(`${base}/api/v1/articles/${articleId}/comments`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ author, body }) });
    check(`the API takes the comment of "${author.slice(0, 12)}"`, res.status === 201, res.status);
  }
  const newsroom = await browser.newContext({ locale: "fr-FR" });
  const admin = await newsroom.newPage();
  await admin.goto(`${base}/admin/login`);
  await admin.fill("#email", email);
  await admin.fill("#password", password);
  await admin.click("button[type=submit]");
  await admin.waitForURL(`${base}/admin/articles`);
  await admin.goto(`${base}/admin/comments`);
  const waiting = await admin.locator("input[name=id]").count();
  check("the queue lists every waiting comment", waiting === hostile.length + 2, waiting);
  await admin.screenshot({ path: `${artifacts}/comment-queue.png`, fullPage: true });
  for (const box of await admin.locator("input[name=id]").all()) await box.check();
  await admin.click("button[value=approve]");
  check("approving them all empties the queue", (await admin.locator("input[name=id]").count()) === 0);
  await newsroom.close();

  // --- replying and editing, without JavaScript and with it ---------------------------------
  for (const scripts of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled: scripts, locale: "fr-FR" });
    const replier = await context.newPage();
    const how = scripts ? "with JavaScript" : "without JavaScript";
    await replier.goto(`${base}/articles/${slug}`);
    await replier.locator(".comment .comment-actions a", { hasText: "Répondre" }).first().click();
    check(`${how}, "Répondre" opens the reply form`, replier.url().includes("/reply"), replier.url());
    await replier.fill("#comment-author", `Réponse ${how}`);
    await replier.fill("#comment-body", `Une réponse ${how}`);
    await replier.waitForTimeout(typing);
    await replier.click("#comment-form button[type=submit]");
    await replier.locator(`.comment:has-text('Une réponse ${how}') .comment-pending`).waitFor();
    check(`${how}, the reply is shown to its writer, waiting`,
          (await replier.locator(`.comment:has-text('Une réponse ${how}') .comment-pending`).count()) === 1, replier.url());
    await replier.screenshot({ path: `${artifacts}/comment-reply-${scripts ? "script" : "plain"}.png` });
    // Its writer changes it, from the same browser, within the 15 minutes.
    const id = scripts
      ? (await replier.locator(`.comment:has-text('Une réponse ${how}')`).getAttribute("id")).replace("comment-", "")
      : replier.url().split("/").pop();
    await replier.goto(`${base}/comments/${id}/edit`);
    await replier.fill("#comment-body", `Une réponse ${how}, corrigée`);
    await replier.click("button[value=save]");
    check(`${how}, the writer's change is saved and shown to them`,
          (await replier.locator(".comment-body").first().textContent()).includes(`Une réponse ${how}, corrigée`), replier.url());
    await replier.screenshot({ path: `${artifacts}/comment-edited-${scripts ? "script" : "plain"}.png` });
    await context.close();
  }

  // --- reading them --------------------------------------------------------------------------
  const victim = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
  const page = await victim.newPage();
  const requests = [];
  let dialogs = 0;
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", async (d) => { dialogs += 1; await d.dismiss(); });
  await page.goto(`${base}/articles/${slug}`);
  await page.waitForLoadState("networkidle");
  const shown = await page.locator(".comment").count();
  check("every approved comment is in the page", shown === hostile.length + 2, shown);
  for (const link of await page.locator(".comment-body a").all()) await link.hover();
  for (const el of await page.locator(".comment-body *").all()) await el.hover().catch(() => {});
  check("no script ran", (await page.evaluate(() => window.__xss)) === undefined);
  check("no dialog opened", dialogs === 0, dialogs);
  const hrefs = await page.locator(".comment-body a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  check("no link leads to a script or data", hrefs.every((h) => !/^\s*(javascript|data|vbscript):/i.test(h || "")), hrefs.join(" "));
  check("comment links are nofollow ugc", await page.locator(".comment-body a:not([rel='nofollow ugc noopener'])").count() === 0);
  check("no image, no SVG, no script in comments",
        await page.locator(".comment-body img, .comment-body svg, .comment-body script, .comment-body iframe").count() === 0);
  const offSite = requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:"));
  check("no request left for another host", offSite.length === 0, offSite.join(" "));
  check("a hostile name reads as text", (await page.locator(".comment-author").allTextContents()).some((t) => t.includes("<script>")));
  check("no control reverses the text's direction",
        (await page.locator(".comment-body").allTextContents()).every((t) => !/[\u202a-\u202e\u2066-\u2069]/.test(t)));
  await page.locator("#comments").screenshot({ path: `${artifacts}/comments.png` });
  await victim.close();
} finally {
  await browser.close();
}
finish();
