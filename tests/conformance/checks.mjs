// What the node conformance checks share: a kpress server on the port given as the first
// argument, named checks printed as "ok - ..." or "FAIL - ...", and an exit code that says.
const base = `http://127.0.0.1:${process.argv[2]}`;
let passed = 0, failed = 0;

export function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`FAIL - ${name} ${detail}`); }
}

export async function get(path) {
  const res = await fetch(base + path);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// Debian's Chromium for browser tests: as root on a closed network, no sandbox and none of
// Chromium's own background traffic. `chromium` is playwright-core's.
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}
