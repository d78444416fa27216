import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'

/** axe's serious and critical findings on the page, one line each (there should be none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

/** Whether the element's centre is the element itself (or inside it): nothing lies over it. */
export async function onTop(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
    return !!hit && element.contains(hit)
  })
}
