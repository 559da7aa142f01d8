import { expect, test } from "@playwright/test";
import { logInAsHr } from "./hr-login";

// The Content-Security-Policy allows only our own scripts and the nonce of each page's inline
// hydration script. A violation would leave pages unhydrated, so this spec watches for any.
test("the hydrated app runs under the Content-Security-Policy without a violation", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "about scripts");
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  const landing = await page.goto("/");
  expect(landing?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2025", exact: true }).click();
  // The print button exists only once the wasm bundle has hydrated the page.
  await expect(page.getByRole("button", { name: "Cetak" })).toBeVisible();
  await page.getByRole("link", { name: "Buka semua unit" }).click();
  await expect(page).toHaveURL(/open=all/);
  // The survey page: server-rendered with its own script file, no inline script.
  await page.goto("/hr/waves");
  const surveyLink = page.locator("a[href^='/s/']").first();
  await page.goto((await surveyLink.getAttribute("href")) ?? "/");
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("a form posted from another site is refused and changes nothing", async ({ page, request }) => {
  await logInAsHr(page);
  const cookies = await page.context().cookies();
  const session = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const forged = await request.post("/api/logout", {
    headers: { origin: "https://evil.example", cookie: session, "content-type": "application/x-www-form-urlencoded" },
    data: "",
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain("Permintaan ditolak");
  await page.goto("/hr");
  await expect(page).toHaveURL("/hr");
});
