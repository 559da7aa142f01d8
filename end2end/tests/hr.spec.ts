import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { logInAsHr } from "./hr-login";

test("HR opens a wave's heatmap: numbers in coloured cells, small groups as < k", async ({ page }) => {
  await logInAsHr(page);
  await page.getByRole("link", { name: "Gelombang survei" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gelombang survei");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2025", exact: true }).click();
  await page.getByRole("link", { name: "Buka semua unit" }).click();
  await expect(page).toHaveURL(/open=all/);
  const table = page.getByRole("table", { name: /^Peta panas/ });
  await expect(table.getByRole("columnheader", { name: "Berpikir Sistem" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "< 5" }).first()).toBeVisible();
  const firstHeat = table.locator("td.heat").first();
  await expect(firstHeat).toHaveText(/^\d+,\d$/);
  expect(await firstHeat.getAttribute("style")).toMatch(/background:#[0-9a-f]{6}/);
});

test("the heatmap page passes axe", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core runs inside the page");
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2025", exact: true }).click();
  await expect(page.getByRole("table", { name: /^Peta panas/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});

test("HR switches between views and opens a unit, keeping the view", async ({ page }) => {
  await logInAsHr(page);
  await page.goto("/hr/waves");
  // The latest closed wave: it has responses, and an earlier wave of the same instrument.
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2026", exact: true }).click();
  const views = page.getByRole("navigation", { name: "Tampilan peta panas" });
  await views.getByRole("link", { name: "Perubahan" }).click();
  await expect(page).toHaveURL(/mode=change/);
  await expect(views.getByRole("link", { name: "Perubahan" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator("td.heat").first()).toHaveText(/^[▲▼=] [+−]?\d+,\d+$/);

  await views.getByRole("link", { name: "Kategori" }).click();
  await expect(page.locator(".legend-bands")).toContainText("Sangat Baik");
  await expect(page.locator("td.heat").first()).toHaveText(/^(Sangat Baik|Baik|Cukup|Kurang|Sangat Kurang) \d+,\d+$/);

  const rowsBefore = await page.locator("tbody tr").count();
  const toggle = page.locator("a.tree-toggle[aria-expanded=false]").first();
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/mode=band.*open=/);
  await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(rowsBefore);
  await expect(page.locator("a.tree-toggle[aria-expanded=true]").nth(1)).toBeVisible();
});

test("HR opens a unit page from the heatmap: profile, trend, items and comments", async ({ page, javaScriptEnabled }) => {
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2026", exact: true }).click();
  // The organisation's first OPD row links to its page.
  await page.locator("tbody tr").nth(1).locator("a.unit-link").click();
  await expect(page).toHaveURL(/\/hr\/units\/[A-Z0-9_-]+\?wave=\d+/);
  await expect(page.getByRole("heading", { name: "Profil lima disiplin" })).toBeVisible();
  const profile = page.getByRole("table").filter({ hasText: "Organisasi" }).first();
  await expect(profile.getByRole("row")).toHaveCount(7);
  await expect(page.getByRole("heading", { name: "Tren antar gelombang" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Tren antar gelombang" })).toBeVisible();
  await expect(page.locator(".item-split")).toHaveCount(25);
  await expect(page.getByRole("heading", { name: "Komentar" })).toBeVisible();
  if (javaScriptEnabled) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});

test("HR creates a wave for one OPD and lands on its heatmap", async ({ page, javaScriptEnabled }) => {
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Gelombang baru" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gelombang baru");
  const title = `Survei Dinkes ${javaScriptEnabled ? "JS" : "tanpa JS"}`;
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Unit", { exact: true }).selectOption("DINKES");
  await page.getByLabel("Dibuka tanggal").fill("2030-01-06");
  await page.getByLabel("Ditutup tanggal (termasuk)").fill("2030-01-31");
  await page.getByRole("button", { name: "Buat gelombang" }).click();
  await expect(page).toHaveURL(/\/hr\/waves\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.goto("/hr/waves");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("HR breaks a wave down by its one dimension, grade, hidden groups as < k", async ({ page, javaScriptEnabled }) => {
  await logInAsHr(page);
  await page.goto("/hr/waves");
  await page.getByRole("link", { name: "Survei Organisasi Pembelajar Semester I 2026", exact: true }).click();
  await page.getByRole("navigation", { name: "Rinci menurut" }).getByRole("link", { name: "Golongan" }).click();
  await expect(page).toHaveURL(/\/breakdown\?by=grade_band/);
  const table = page.getByRole("table", { name: /^Rincian hasil – Golongan/ });
  await expect(table.getByRole("rowheader", { name: "Golongan III" }).first()).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Tidak diisi" }).first()).toBeVisible();
  // The organisation's own band rows: at least one shown with a figure, and small ones as "< 5".
  await expect(table.locator("tr.band-row td.heat").first()).toHaveText(/^\d+,\d+$/);
  await expect(table.getByRole("cell", { name: "< 5" }).first()).toBeVisible();

  // One dimension per wave: the page says why, and offers no other.
  await expect(page.getByText("dirinci menurut golongan saja")).toBeVisible();
  await expect(page.getByRole("link", { name: "Jenis jabatan" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Masa kerja" })).toHaveCount(0);

  // Down one level: an OPD's own breakdown, with a link back up.
  await page.locator("tbody").nth(1).locator("tr.unit-row a").first().click();
  await expect(page).toHaveURL(/by=grade_band&unit=/);
  await expect(page.getByText("Naik ke")).toBeVisible();
  if (javaScriptEnabled) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});
