import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function logInAsHr(page: Page) {
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill("hr@mawas.local");
  await page.getByLabel("Kata sandi").fill("hr-mawas-2026");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL("/hr");
}

test("HR opens a wave's heatmap: numbers in coloured cells, small groups as < k", async ({ page }) => {
  await logInAsHr(page);
  await page.getByRole("link", { name: "Gelombang survei" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gelombang survei");
  await page.getByRole("link", { name: "Peta panas" }).last().click();
  const table = page.getByRole("table");
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
  await page.getByRole("link", { name: "Peta panas" }).last().click();
  await expect(page.getByRole("table")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});
