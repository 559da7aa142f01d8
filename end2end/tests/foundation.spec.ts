import { expect, test, type Page } from "@playwright/test";

// Demo accounts from `mawas seed-demo` (src/server/seed.rs).
const accounts = [
  { role: "admin", email: "admin@mawas.local", password: "admin-mawas-2026", home: "/admin", heading: "Administrasi" },
  { role: "hr", email: "hr@mawas.local", password: "hr-mawas-2026", home: "/hr", heading: "Analitik SDM" },
  { role: "trainer", email: "trainer@mawas.local", password: "trainer-mawas-2026", home: "/trainer", heading: "Pelatihan" },
];

/** Waits until the page is usable: with JavaScript on, until the wasm bundle has hydrated it. */
async function ready(page: Page) {
  await page.waitForLoadState("networkidle");
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await ready(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

test("the landing page explains Mawas in Bahasa Indonesia", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Melihat organisasi kita dengan jujur");
  await expect(page.getByRole("heading", { name: "Berpikir Sistem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Masuk", exact: true })).toBeVisible();
});

test("the switch to English persists across pages", async ({ page }) => {
  await page.goto("/");
  await ready(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Looking at our organisation honestly");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByRole("link", { name: "Bahasa Indonesia" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk");
});

for (const account of accounts) {
  test(`${account.role} logs in, sees only their navigation, and logs out`, async ({ page }) => {
    await logIn(page, account.email, account.password);
    await expect(page).toHaveURL(account.home);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.heading);
    const nav = page.getByRole("navigation", { name: "Navigasi utama" });
    await expect(nav.getByRole("button", { name: "Keluar" })).toBeVisible();
    const hrLinks = await nav.getByRole("link", { name: "Analitik SDM" }).count();
    const adminLinks = await nav.getByRole("link", { name: "Administrasi" }).count();
    expect(hrLinks).toBe(account.role === "trainer" ? 0 : 1);
    expect(adminLinks).toBe(account.role === "admin" ? 1 : 0);
    await nav.getByRole("button", { name: "Keluar" }).click();
    await expect(page).toHaveURL("/");
    await expect(nav.getByRole("link", { name: "Masuk", exact: true })).toBeVisible();
    await page.goto(account.home);
    await expect(page).toHaveURL(/\/login\?next=/);
  });
}

test("a wrong password gets one clear message that does not say which part was wrong", async ({ page }) => {
  await logIn(page, "hr@mawas.local", "wrong-password-123");
  await expect(page.getByRole("alert")).toHaveText("E-mail atau kata sandi salah.");
  await expect(page).toHaveURL(/\/login/);
});

test("a trainer is sent to the login page when opening HR analytics", async ({ page }) => {
  await logIn(page, "trainer@mawas.local", "trainer-mawas-2026");
  await expect(page).toHaveURL("/trainer");
  await page.goto("/hr");
  await expect(page).toHaveURL(/\/login\?denied=1/);
  await expect(page.getByRole("status")).toContainText("tidak dapat membuka");
});
