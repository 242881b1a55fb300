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
