import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { logInAsHr } from "./hr-login";

// Each worker creates its own token wave through the REST API (the demo's waves are open access).
let waveId = 0;
const title = `Survei Undangan Uji ${Date.now() % 100000}`;

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
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
      title,
      instrument: "lo-25",
      root_unit: "DINKES",
      opens_on: isoDay(-1),
      closes_on: isoDay(30),
      access: "token",
    },
  });
  expect(created.status()).toBe(200);
  waveId = (await created.json()).id;
});

test("HR types two people, prints their links, and each link answers exactly once", async ({ page }) => {
  await logInAsHr(page);
  await page.goto(`/hr/waves/${waveId}/invitations`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Undangan pribadi");
  await page
    .getByLabel("Daftar orang")
    .fill("Sari Wulandari,sari@contoh.go.id,,DINKES\nBudi Santoso,,0812000111,DINKES.SEK\n");
  await page.getByLabel("Lembar cetak").check();
  await page.getByRole("button", { name: "Buat tautan pribadi" }).click();

  const sheet = page.getByRole("table");
  await expect(sheet.getByRole("row")).toHaveCount(3);
  const sari = sheet.getByRole("row").filter({ hasText: "Sari Wulandari" });
  await expect(sari).toContainText("DINKES");
  const link = new URL((await sari.locator("td.mono").textContent())?.trim() ?? "");
  expect(link.pathname).toMatch(/^\/s\/[a-z0-9]+$/);
  expect(link.searchParams.get("t")).toBeTruthy();

  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  for (const d of ["PM", "MM", "SV", "TL", "ST"]) {
    for (const i of [1, 2, 3, 4, 5]) {
      await page.locator(`label[for="a_${d}${i}_4"]`).click();
    }
  }
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(page.getByRole("heading", { name: "Terima kasih!" })).toBeVisible();

  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByRole("heading", { name: "Undangan ini sudah dipakai" })).toBeVisible();
});

test("a list with an unknown unit creates no link and says which row is wrong", async ({ page }) => {
  await logInAsHr(page);
  await page.goto(`/hr/waves/${waveId}/invitations`);
  await page.getByLabel("Daftar orang").fill("Sari Wulandari,,,DINKES\nTanpa Unit,,,TIDAK.ADA\n");
  await page.getByRole("button", { name: "Buat tautan pribadi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tidak ada tautan yang dibuat");
  await expect(page.getByRole("main")).toHaveCount(1);
  const alert = page.getByRole("alert");
  await expect(alert.getByRole("row")).toHaveCount(2);
  await expect(alert.getByRole("cell").nth(1)).toHaveText("unit");
});
