import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { logInAsHr } from "./hr-login";

// Each worker opens its own wave through the REST API, so the tests do not depend on the demo's dates.
// The token comes from the CLI on the same database the test server uses (playwright.config.ts).
let slug = "";
let waveId = 0;
let preUrl = "";
let postUrl = "";

function tokenFor(email: string): string {
  return execFileSync("../target/release/mawas", ["create-api-token", "--email", email], {
    env: { ...process.env, DATABASE_URL: "sqlite://../target/e2e/mawas.db?mode=rwc", RUST_LOG: "error" },
  })
    .toString()
    .trim();
}

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test.beforeAll(async ({ request }) => {
  const token = tokenFor("hr@mawas.local");
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
  const wave = await created.json();
  slug = wave.slug;
  waveId = wave.id;
  const workshop = await request.post("/api/v1/workshops", {
    headers: { Authorization: `Bearer ${tokenFor("trainer@mawas.local")}` },
    data: {
      title: "Pelatihan Uji Berpikir Sistem",
      instrument: "lo-25",
      held_from: isoDay(0),
      held_to: isoDay(0),
      then_test: true,
    },
  });
  expect(workshop.status()).toBe(200);
  const workshopCreated = await workshop.json();
  preUrl = workshopCreated.pre_wave.url;
  postUrl = workshopCreated.post_wave.url;
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

test("a unit's poster offers its print button only where the button can print", async ({ page, javaScriptEnabled }) => {
  await logInAsHr(page);
  await page.goto(`/hr/waves/${waveId}/posters?unit=DINKES`);
  await expect(page.getByText(`/s/${slug}?u=DINKES`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Cetak poster" })).toBeVisible({ visible: javaScriptEnabled });
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

test("a participant's pre-test and post-test pair through the code the device keeps", async ({ page }) => {
  await page.goto(`${preUrl}?u=BKPSDM`);
  await answer(page, codes, 2);
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByRole("heading", { name: "Kode pasangan Anda" })).toBeVisible();
  const code = (await page.locator("#pairing-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{7}$/);

  await page.goto(`${postUrl}?u=BKPSDM`);
  const field = page.getByLabel("Kode pasangan dari pre-test");
  await expect(field).toHaveValue(code);
  for (const item of codes) {
    await page.locator(`label[for="a_${item}_4"]`).click();
    await page.locator(`label[for="then_${item}_2"]`).click();
  }
  const wrong = (code[0] === "A" ? "B" : "A") + code.slice(1);
  await field.fill(wrong);
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByRole("alert")).toContainText("karakter pemeriksanya");
  await expect(page.locator("#then_ST5_2")).toBeChecked();
  await page.getByLabel("Kode pasangan dari pre-test").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByRole("heading", { name: "Terima kasih!" })).toBeVisible();
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
