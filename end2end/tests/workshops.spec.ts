import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

// The demo workshop with the then-test (src/server/seed.rs), owned by the demo trainer.
const demoWorkshop = "Pelatihan Berpikir Sistem bagi Pejabat Pengawas";

async function logInAsTrainer(page: Page) {
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill("trainer@mawas.local");
  await page.getByLabel("Kata sandi").fill("trainer-mawas-2026");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL("/trainer");
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test("a trainer opens the demo workshop and sees the comparison table, chart and readings", async ({ page }) => {
  await logInAsTrainer(page);
  await page.locator("#main").getByRole("link", { name: "Pelatihan", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pelatihan");
  await page.getByRole("link", { name: demoWorkshop }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(demoWorkshop);

  const table = page.getByRole("table").filter({ hasText: "Pasangan cocok" }).first();
  await expect(table.getByRole("rowheader", { name: "Indeks LO (0–100)" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Berpikir Sistem" })).toBeVisible();
  const systemsRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Berpikir Sistem" }) });
  await expect(systemsRow).toContainText("d_z =");
  const readings = page.getByRole("list").filter({ hasText: "Indeks LO (0–100) —" });
  await expect(readings.getByRole("listitem").filter({ hasText: "Berpikir Sistem" })).toContainText(
    /Dari \d+ pasangan cocok: (naik|turun) .* IK 95 %/,
  );
  await expect(page.getByRole("img", { name: /Pra → pasca per disiplin/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Then-test: pergeseran respons" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Perubahan per butir" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "ST1" })).toBeVisible();
  await expect(page.getByText("Pasangan cocok", { exact: true }).first()).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unduh XLSX" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^perbandingan-pelatihan-\d+\.xlsx$/);
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
});

test("the comparison page passes axe", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core runs inside the page");
  await logInAsTrainer(page);
  await page.goto("/trainer/workshops");
  await page.getByRole("link", { name: demoWorkshop }).click();
  await expect(page.getByRole("img", { name: /Pra → pasca/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});

test("the comparison prints as a one-page A4 report", async ({ page }) => {
  await logInAsTrainer(page);
  await page.goto("/trainer/workshops");
  await page.getByRole("link", { name: demoWorkshop }).click();
  await expect(page.getByRole("img", { name: /Pra → pasca/ })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "Unduh XLSX" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
});

test("a trainer creates a workshop and closes its pre-test", async ({ page }, testInfo) => {
  await logInAsTrainer(page);
  await page.goto("/trainer/workshops/new");
  await page.waitForLoadState("networkidle");
  const title = `Lokakarya Uji ${testInfo.project.name} ${Date.now()}`;
  await page.getByLabel("Judul pelatihan").fill(title);
  await page.getByLabel("Hari pertama").fill(isoDay(3));
  await page.getByLabel("Hari terakhir").fill(isoDay(4));
  await page.getByLabel("Tempat (boleh kosong)").fill("Aula BKPSDM");
  await page.getByLabel("Gunakan then-test").check();
  await page.getByRole("button", { name: "Buat pelatihan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page).toHaveURL(/\/trainer\/workshops\/\d+$/);

  const pre = page.locator(".wave-link").filter({ has: page.getByRole("heading", { name: /Pra-tes/ }) });
  await expect(pre).toContainText("sedang dibuka");
  await expect(pre.getByRole("img", { name: /QR: http/ })).toBeVisible();
  await expect(page.getByText("< 5").first()).toBeVisible();
  await pre.getByRole("button", { name: "Tutup sekarang" }).click();
  await expect(pre).toContainText("tidak menerima jawaban");
  await expect(pre.getByRole("button", { name: "Buka sekarang" })).toBeVisible();
});
