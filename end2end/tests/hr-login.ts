import { expect, type Page } from "@playwright/test";

/** Logs in as the demo's HR officer (unscoped) and waits for the HR home page. */
export async function logInAsHr(page: Page) {
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill("hr@mawas.local");
  await page.getByLabel("Kata sandi").fill("hr-mawas-2026");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL("/hr");
}
