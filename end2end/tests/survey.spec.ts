import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";

// Each worker opens its own wave through the REST API, so the tests do not depend on the demo's dates.
// The token comes from the CLI on the same database the test server uses (playwright.config.ts).
let slug = "";

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test.beforeAll(async ({ request }) => {
  const token = execFileSync("../target/release/mawas", ["create-api-token", "--email", "hr@mawas.local"], {
    env: { ...process.env, DATABASE_URL: "sqlite://../target/e2e/mawas.db?mode=rwc", RUST_LOG: "error" },
  })
    .toString()
    .trim();
  const created = await request.post("/api/v1/waves", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      title: "Survei Uji Organisasi Pembelajar",
      instrument: "lo-25",
      root_unit: "KAB",
      opens_on: isoDay(-1),
      closes_on: isoDay(30),
    },
  });
  expect(created.status()).toBe(200);
  slug = (await created.json()).slug;
});

const codes = ["PM", "MM", "SV", "TL", "ST"].flatMap((d) => [1, 2, 3, 4, 5].map((i) => `${d}${i}`));

async function answer(page: Page, items: string[], value: number) {
  for (const code of items) {
    await page.locator(`label[for="a_${code}_${value}"]`).click();
  }
}

test("a respondent completes the survey from a unit's QR link", async ({ page }) => {
  await page.goto(`/s/${slug}?u=DINKES`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Survei Uji Organisasi Pembelajar");
  await expect(page.locator("#live-status")).toContainText("Dinas Kesehatan");
  await expect(page.getByRole("group", { name: /^1\. Saya tahu dengan jelas/ })).toBeVisible();
  await answer(page, codes, 4);
  await page.getByLabel("Golongan").selectOption("III");
  await page.getByLabel("Komentar atau saran").fill("Rapat koordinasi lintas bidang perlu rutin.");
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByRole("heading", { name: "Terima kasih!" })).toBeVisible();
});

test("a respondent without a unit link picks the unit by name first", async ({ page }) => {
  await page.goto(`/s/${slug}`);
  await page.getByLabel("Unit kerja Anda").selectOption({ label: "Dinas Kesehatan" });
  await page.getByRole("button", { name: "Lanjut ke pertanyaan" }).click();
  await expect(page.getByText("Unit kerja: Dinas Kesehatan")).toBeVisible();
  await expect(page.locator("#live-status")).toBeVisible();
});

test("a tampered value comes back with a message and the other answers kept", async ({ page }) => {
  await page.goto(`/s/${slug}?u=DINKES`);
  await answer(page, codes, 2);
  await page.route(`**/s/${slug}`, async (route) => {
    const body = (route.request().postData() ?? "").replace("a_PM3=2", "a_PM3=7");
    await route.continue({ postData: body });
  });
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByRole("alert")).toContainText("Pilih salah satu pilihan yang tersedia");
  await expect(page.getByRole("link", { name: /^3\. / })).toBeVisible();
  await expect(page.locator("#a_PM4_2")).toBeChecked();
  await expect(page.locator("#a_ST5_2")).toBeChecked();
});

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "draft, confirmation and axe need JavaScript");

  // axe-core runs inside the page, so it needs JavaScript; the server sends the same markup either way.
  test("the survey page has no serious or critical accessibility problems", async ({ page }) => {
    await page.goto(`/s/${slug}?u=DINKES`);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("the draft survives a reload", async ({ page }) => {
    await page.goto(`/s/${slug}?u=DINKES.SEK`);
    await answer(page, ["PM1", "PM2", "MM1"], 5);
    await expect(page.locator("#progress")).toHaveText("3 dari 25 pernyataan dijawab");
    await page.reload();
    await expect(page.getByText("Jawaban yang belum terkirim dipulihkan")).toBeVisible();
    await expect(page.locator("#a_PM2_5")).toBeChecked();
    await expect(page.locator("#progress")).toHaveText("3 dari 25 pernyataan dijawab");
  });

  test("a form with more than a quarter empty asks once before sending", async ({ page }) => {
    await page.goto(`/s/${slug}?u=DINKES`);
    await answer(page, codes.slice(0, 18), 3);
    let asked = 0;
    page.once("dialog", async (dialog) => {
      asked += 1;
      expect(dialog.message()).toContain("7 pernyataan belum dijawab");
      await dialog.dismiss();
    });
    await page.getByRole("button", { name: "Kirim jawaban" }).click();
    await expect(page.locator("fieldset.is-unanswered")).toHaveCount(7);
    expect(asked).toBe(1);
    await page.getByRole("button", { name: "Kirim jawaban" }).click();
    await expect(page.getByRole("heading", { name: "Terima kasih!" })).toBeVisible();
  });
});
