import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { logInAsHr } from "./hr-login";

test("HR creates an action plan from a unit page, finds it on the list and sees the heatmap marker", async ({ page }, info) => {
  // Both projects share one database: each run writes its own goal.
  const goal = `Setiap pegawai punya rencana belajar (${info.project.name} ${Date.now() % 100000})`;
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2026", exact: true }).click();
  const heatmapUrl = page.url();
  const unitLink = page.locator("tbody tr").nth(1).locator("a.unit-link");
  const unitName = (await unitLink.textContent()) ?? "";
  await unitLink.click();
  await expect(page.getByRole("heading", { name: "Rencana Aksi", level: 2 })).toBeVisible();
  await page.getByRole("link", { name: "Buat Rencana Aksi" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rencana Aksi baru");
  await expect(page.locator("#focus-suggestion")).toContainText("Saran:");
  await page.getByLabel("Goal (tujuan)").fill(goal);
  await page.getByLabel("Reality (kenyataan)").fill("Skor terendah; komentar menyebut beban kerja.");
  await page.getByLabel("Options (pilihan)").fill("1. Coaching bulanan\n2. Jam belajar mingguan");
  await page.getByLabel("Way forward (langkah berikutnya)").fill("Kepala bidang menjadwalkan coaching.");
  await page.getByLabel("Penanggung jawab (boleh kosong)").fill("Kepala Bidang");
  await page.getByLabel("Tenggat (boleh kosong)").fill("2030-03-31");
  await page.getByRole("button", { name: "Simpan rencana" }).click();

  await expect(page).toHaveURL(/\/hr\/plans\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(unitName.trim());
  await expect(page.getByText(goal)).toBeVisible();
  await expect(page.getByText("Direncanakan").first()).toBeVisible();

  await page.getByLabel("Catatan perkembangan").fill("Coaching pertama terjadwal.");
  await page.getByRole("button", { name: "Tambah catatan" }).click();
  await expect(page.getByText("Coaching pertama terjadwal.")).toBeVisible();

  await page.getByRole("link", { name: "Ubah rencana" }).click();
  await page.getByLabel("Status").selectOption("in_progress");
  await page.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(page).toHaveURL(/\/hr\/plans\/\d+$/);
  await expect(page.getByText("Berjalan").first()).toBeVisible();

  await page.goto("/hr/plans?status=in_progress");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rencana Aksi");
  await expect(page.getByText(goal)).toBeVisible();
  await page.getByLabel("Status").selectOption("done");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/status=done/);
  await expect(page.getByText(goal)).toHaveCount(0);

  await page.goto(heatmapUrl);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: unitName.trim(), exact: true }) });
  await expect(row.getByLabel("Ada Rencana Aksi aktif")).toBeVisible();
});

test("the plan form and list pass axe", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core runs inside the page");
  await logInAsHr(page);
  await page.goto("/hr/plans");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rencana Aksi");
  let results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2026", exact: true }).click();
  await page.locator("tbody tr").nth(1).locator("a.unit-link").click();
  await page.getByRole("link", { name: "Buat Rencana Aksi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rencana Aksi baru");
  results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});
