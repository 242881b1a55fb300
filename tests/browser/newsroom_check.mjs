// In Chromium: an editor signs in, writes an article and watches the live preview (entity links,
// the video facade), saves it, sees it autosaved, schedules it, translates it beside its source,
// and signs out. Screenshots of each step are kept.
// Usage: node newsroom_check.mjs PORT ARTIFACTS EMAIL PASSWORD. Prints "N passed, M failed".
import { createRequire } from "node:module";
import { check, finish, launchChromium } from "../conformance/checks.mjs";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [, , port, artifacts, email, password] = process.argv;
const base = `http://127.0.0.1:${port}`;
const browser = await launchChromium(chromium);
try {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  // Script errors anywhere, and admin requests (preview, autosave, forms) that failed. The
  // preview is the reader's page, whose script asks for reaction counts an unsaved or
  // unpublished article does not have yet: those answers are not the admin's.
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.url().startsWith(`${base}/admin`) && r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });

  // --- signing in ---------------------------------------------------------------------------
  await page.goto(`${base}/admin`);
  check("the admin asks to sign in first", page.url().startsWith(`${base}/admin/login`), page.url());
  await page.fill("#email", email);
  await page.fill("#password", "not the password");
  await page.click("button[type=submit]");
  check("a wrong password is refused with a message",
        (await page.locator(".admin-error").textContent()).includes("incorrect"));
  errors.length = 0;  // the refusal's 401 is the one failed request expected
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${base}/admin/articles`);
  check("signing in opens the article list", await page.locator("table.admin-table tbody tr").count() > 10);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "kpress_session");
  check("the session cookie is HttpOnly and SameSite", session && session.httpOnly && session.sameSite === "Lax");
  await page.screenshot({ path: `${artifacts}/admin-articles.png` });
  await page.fill("#q", "Run On");
  await page.click(".admin-filters button[type=submit]");
  const titles = await page.locator("table.admin-table tbody td:first-child").allTextContents();
  check("the search filters the list by title", titles.length > 0 && titles.every((t) => t.includes("Run On")), titles.join(" | "));

  // --- writing with the live preview -----------------------------------------------------------
  await page.goto(`${base}/admin/articles/new`);
  await page.fill("#field-title", "Im Siwan prépare un nouveau drama");
  await page.fill("#field-standfirst", "L’acteur de «Run On» revient.");
  await page.fill("#field-body", "Selon son agence, Im Siwan a accepté le rôle.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n");
  const preview = page.frameLocator(".preview-frame");
  await preview.locator("h1", { hasText: "Im Siwan prépare un nouveau drama" }).waitFor({ timeout: 10000 });
  check("the preview shows the article as readers will see it", await preview.locator("article h1, main h1").count() >= 1);
  check("the preview links the people it names", await preview.locator('a[href="/people/im-siwan"]').count() >= 1);
  check("the preview shows the video as its facade", await preview.locator("figure.video-youtube img").count() === 1);
  await page.fill("#field-body", "Selon son agence, Im Siwan a accepté le rôle principal.\n\nTournage en mars.\n");
  await preview.locator("p", { hasText: "Tournage en mars." }).waitFor({ timeout: 10000 });
  check("the preview follows the typing", true);
  await page.screenshot({ path: `${artifacts}/admin-editor-preview.png`, fullPage: true });
  await page.click("button[name=action][value=save]");
  await page.waitForURL(/\/admin\/articles\/\d+\?saved=1$/);
  check("saving creates the draft", (await page.locator(".admin-notice").first().textContent()).includes("Enregistré"));
  check("a new article is a draft", (await page.locator(".status-label").textContent()) === "Brouillon");
  const editorUrl = page.url().replace("?saved=1", "");

  // --- autosave --------------------------------------------------------------------------------
  await page.fill("#field-body", "Selon son agence, Im Siwan a accepté le rôle principal.\n\nTournage en avril.\n");
  await page.locator(".autosave-status", { hasText: "Sauvegardé automatiquement" }).waitFor({ timeout: 20000 });
  check("unsaved text is autosaved", true);
  await page.goto(editorUrl);
  check("the editor offers the autosave back", (await page.locator(".admin-notice", { hasText: "sauvegarde automatique" }).count()) === 1);
  await page.click("text=La récupérer");
  check("the autosave comes back into the form", (await page.inputValue("#field-body")).includes("Tournage en avril."));

  // --- scheduling --------------------------------------------------------------------------------
  await page.fill("#field-published_at", "2031-06-13T09:00");
  await page.click("button[name=action][value=schedule]");
  await page.waitForURL(/\?saved=1$/);
  check("the article is scheduled", (await page.locator(".status-label").textContent()) === "Programmé");
  check("the time stays as typed, in the site's zone", (await page.inputValue("#field-published_at")) === "2031-06-13T09:00");
  const slug = await page.inputValue("#field-slug");
  const early = await fetch(`${base}/articles/${slug}`);
  check("a scheduled article is not shown before its time", early.status === 404, String(early.status));
  await page.screenshot({ path: `${artifacts}/admin-scheduled.png`, fullPage: true });

  // --- translating -----------------------------------------------------------------------------
  await page.selectOption("#translate-language", "en");
  await page.click(".editor-editions button[type=submit]");
  await page.waitForURL(/\/admin\/articles\/\d+\?saved=1$/);
  check("translating opens the new edition's editor", page.url() !== editorUrl + "?saved=1");
  check("the source is shown beside the translation",
        (await page.locator(".editor-source").textContent()).includes("Tournage en avril."));
  check("the translation is in English", (await page.inputValue("#field-language")) === "en");
  await page.fill("#field-title", "Im Siwan is preparing a new drama");
  await page.click("button[name=action][value=save]");
  await page.waitForURL(/\?saved=1$/);
  check("the translation's editions list its source",
        await page.locator('.editor-editions a[hreflang="fr"]').count() === 1);
  await page.screenshot({ path: `${artifacts}/admin-translation.png`, fullPage: true });

  // --- uploading an image and using it ---------------------------------------------------------
  await page.goto(`${base}/admin/media`);
  const png = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 1200; c.height = 800;
    const g = c.getContext("2d");
    g.fillStyle = "#5b2a86"; g.fillRect(0, 0, 1200, 800);
    g.fillStyle = "#ffffff"; g.font = "140px sans-serif"; g.fillText("런온", 380, 460);
    return c.toDataURL("image/png").split(",")[1];
  });
  await page.setInputFiles("#media-file", { name: "affiche-run-on.png", mimeType: "image/png", buffer: Buffer.from(png, "base64") });
  await page.fill("#media-alt", "L’affiche de «Run On»");
  await page.fill("#media-credit", "JTBC");
  await page.click(".media-upload button[type=submit]");
  await page.waitForURL(/\/admin\/media\?uploaded=\d+$/);
  check("the upload is announced", (await page.locator(".admin-notice").textContent()).includes("ajoutée"));
  const thumbnail = page.locator(".media-item img").first();
  await thumbnail.evaluate((img) => img.complete || new Promise((r) => { img.onload = r; img.onerror = r; }));
  check("its thumbnail is served", await thumbnail.evaluate((img) => img.naturalWidth === 320));
  const imageUrl = await page.inputValue(".media-item input[readonly]");
  check("the library gives the address to use", /^\/media\/library\/\d+\/1200x800\.jpg$/.test(imageUrl), imageUrl);
  await page.screenshot({ path: `${artifacts}/admin-media.png`, fullPage: true });
  await page.goto(editorUrl);
  await page.fill("#field-hero_url", imageUrl);
  await preview.locator(`picture source[type="image/avif"]`).waitFor({ state: "attached", timeout: 10000 });
  check("the preview shows the image with its sizes and formats",
        (await preview.locator("figure.hero img").getAttribute("srcset")).includes("1200x800.jpg 1200w"));
  await page.click("button[name=action][value=save]");
  await page.waitForURL(/\?saved=1$/);
  check("the hero takes the library's alt text and credit",
        (await page.inputValue("#field-hero_alt")) === "L’affiche de «Run On»" && (await page.inputValue("#field-hero_credit")) === "JTBC");

  // --- signing out -------------------------------------------------------------------------------
  await page.click('form[action="/admin/logout"] button');
  await page.waitForURL(/\/admin\/login/);
  await page.goto(`${base}/admin/articles`);
  check("after signing out the admin asks to sign in again", page.url().startsWith(`${base}/admin/login`));
  check("no script error and no failed admin request", errors.length === 0, errors.join(" | "));
} finally {
  await browser.close();
}
finish();
