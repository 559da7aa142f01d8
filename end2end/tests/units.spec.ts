import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { logInAsHr } from "./hr-login";

test("HR imports a unit from a CSV file after a preview, renames it and deactivates it", async ({ page }, info) => {
  // Both projects share one database: each run adds its own unit.
  const suffix = `${info.project.name === "hydrated" ? "H" : "N"}${Date.now() % 100000}`;
  const code = `DINKES.E2E${suffix}`;
  const renamed = `Tim Mutu Layanan ${suffix}`;
  await logInAsHr(page);
  await page.getByRole("link", { name: "Unit organisasi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unit organisasi");
  const table = page.getByRole("table", { name: /^Unit organisasi/ });
  await expect(table.getByRole("rowheader", { name: "Dinas Kesehatan", exact: true })).toBeVisible();

  await page.getByLabel(/Berkas CSV atau XLSX/).setInputFiles({
    name: "unit.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`code;name;parent_code;kind;headcount\n${code};Tim Uji Coba ${suffix};DINKES;tim;7\n`),
  });
  await page.getByRole("button", { name: "Lihat pratinjau" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pratinjau impor unit");
  await expect(page.getByText("1 baris siap diimpor: 1 unit baru, 0 unit diperbarui")).toBeVisible();
  await page.getByRole("button", { name: "Impor 1 baris" }).click();
  await expect(page).toHaveURL(/\/hr\/units\?imported=1&updated=0/);
  await expect(page.getByText("Impor selesai: 1 unit baru")).toBeVisible();

  await page.getByRole("link", { name: `Ubah: Tim Uji Coba ${suffix}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ubah unit: Tim Uji Coba ${suffix}`);
  await page.getByLabel("Nama unit").fill(renamed);
  await page.getByLabel(/Jumlah pegawai/).fill("9");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/hr\/units\?saved=/);
  await expect(page.getByText("Perubahan unit disimpan.")).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: renamed }) });
  await expect(row.getByRole("cell", { name: "9", exact: true })).toBeVisible();

  await page.getByRole("link", { name: `Ubah: ${renamed}` }).click();
  await page.getByRole("button", { name: "Nonaktifkan unit ini dan semua unit di bawahnya" }).click();
  await expect(page.getByText("Status unit diubah.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Aktifkan lagi" })).toBeVisible();
  await expect(page.locator(".meta .badge")).toHaveText("Nonaktif");
});

test("a bad unit file lists every problem and imports nothing", async ({ page }) => {
  await logInAsHr(page);
  await page.goto("/hr/units");
  await page.getByLabel(/Berkas CSV atau XLSX/).setInputFiles({
    name: "unit.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("code,name,parent_code,kind,headcount\nE2E.BAD,Satu,TIDAK.ADA,bidang,5\n"),
  });
  await page.getByRole("button", { name: "Lihat pratinjau" }).click();
  await expect(page.getByRole("alert")).toContainText("Tidak ada yang diimpor: 1 masalah");
  await expect(page.getByRole("alert")).toContainText("parent_code");
  await expect(page.getByRole("button", { name: /^Impor/ })).toHaveCount(0);
});

test("the unit list passes axe", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core runs inside the page");
  await logInAsHr(page);
  await page.goto("/hr/units");
  await expect(page.getByRole("table", { name: /^Unit organisasi/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});
