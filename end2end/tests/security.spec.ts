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

test("markup typed into every field of a plan comes back as text in its edit form", async ({ page }, info) => {
  // Each project writes its own plan; the markup would end the text area and redirect the page.
  const hostile = (field: string) =>
    `${field.slice(0, 4)} ${info.project.name} </textarea><meta http-equiv="refresh" content="0;url=/login"> "q" 'a' & <script>x</script>`;
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2026", exact: true }).click();
  await page.locator("tbody tr").nth(1).locator("a.unit-link").click();
  await page.getByRole("link", { name: "Buat Rencana Aksi" }).click();
  const fields = [
    "Goal (tujuan)",
    "Reality (kenyataan)",
    "Options (pilihan)",
    "Way forward (langkah berikutnya)",
    "Penanggung jawab (boleh kosong)",
  ];
  for (const label of fields) {
    await page.getByLabel(label).fill(hostile(label));
  }
  await page.getByRole("button", { name: "Simpan rencana" }).click();
  await expect(page).toHaveURL(/\/hr\/plans\/\d+$/);
  await page.getByRole("link", { name: "Ubah rencana" }).click();
  await expect(page).toHaveURL(/\/hr\/plans\/\d+\/edit$/);
  for (const label of fields) {
    await expect(page.getByLabel(label)).toHaveValue(hostile(label));
  }
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/hr\/plans\/\d+\/edit$/);
});
