import { expect, test } from "@playwright/test";

test("an admin changes the anonymity thresholds and sees a clear error for a bad pair", async ({ page }) => {
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill("admin@mawas.local");
  await page.getByLabel("Kata sandi").fill("admin-mawas-2026");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL("/admin");
  await page.getByRole("link", { name: "Pengaturan anonimitas" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pengaturan anonimitas");
  await page.waitForLoadState("networkidle");

  // The comment threshold may never be below k: the server says so in Bahasa Indonesia.
  await page.getByLabel("Batas minimum kelompok (k)").fill("8");
  await page.getByLabel("Batas minimum untuk menampilkan komentar").fill("5");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("alert")).toContainText("tidak lebih kecil dari k");

  // Back to the defaults, which is also a valid save.
  await page.getByLabel("Batas minimum kelompok (k)").fill("5");
  await page.getByLabel("Batas minimum untuk menampilkan komentar").fill("5");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("status")).toHaveText("Pengaturan disimpan.");
  await expect(page.getByLabel("Batas minimum kelompok (k)")).toHaveValue("5");
});
