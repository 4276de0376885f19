/** @odoo-module **/

import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * The steps of every tour's start: from the home menu, open the Social Assistance app, then a section of its
 * menu and an item of that section, as a user does (never a record by URL).
 */
export function openFromMenu(section, item) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Assistance app",
            trigger: '.o_app[data-menu-xmlid="ctxh_residents.menu_ctxh_root"]',
            run: "click",
        },
        {
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections [data-menu-xmlid="${section}"]`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.dropdown-item[data-menu-xmlid="${item}"]`,
            run: "click",
        },
    ];
}

/**
 * Resolve once the UI has been blocked and released again: the web client blocks it while it downloads a
 * report (PDF or XLSX). Added nodes are inspected too, in case both happen in one batch.
 */
export function waitForBlockedThenReleased() {
    return new Promise((resolve) => {
        let seen = false;
        const isBlock = (node) =>
            node.nodeType === Node.ELEMENT_NODE &&
            (node.matches(".o_blockUI") || node.querySelector(".o_blockUI"));
        const observer = new MutationObserver((records) => {
            seen ||= records.some((record) => [...record.addedNodes].some(isBlock));
            if (seen && !document.querySelector(".o_blockUI")) {
                observer.disconnect();
                resolve();
            }
        });
        observer.observe(document.body, { childList: true, subtree: true });
    });
}
