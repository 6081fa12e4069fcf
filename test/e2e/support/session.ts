import type { Page } from 'playwright-core';

/** Signs in through the web app's form, as a person would, and waits for the nav to name the account. */
export async function signInThroughForm(page: Page, baseUrl: string, username: string, password: string, displayName: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByText(displayName).waitFor();
}
