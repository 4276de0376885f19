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
            async run(helpers) {
                // the item is open once the web client shows its address, or its dialog for a wizard (which
                // keeps the address): a click meant for the new screen (its filters, its New button) must
                // not land on the previous one while the new one loads
                const link = this.anchor.closest("[href]") || this.anchor.querySelector("[href]");
                await helpers.click();
                if (link) {
                    const path = new URL(link.getAttribute("href"), window.location.origin).pathname;
                    await waitUntil(
                        () => window.location.pathname === path || document.querySelector(".o_dialog .modal"),
                        `the address ${path} or a dialog`
                    );
                }
            },
        },
    ];
}

/** Resolve when ``condition()`` holds, checked every 50 ms; fail after 10 s, naming what was awaited. */
export function waitUntil(condition, what, timeout = 10000) {
    return new Promise((resolve, reject) => {
        const start = Date.now();
        const check = () => {
            if (condition()) {
                resolve();
            } else if (Date.now() - start > timeout) {
                reject(new Error(`Waited 10 s for ${what}`));
            } else {
                setTimeout(check, 50);
            }
        };
        check();
    });
}

/** The list's "New" button, as a user creates a record from a list opened from the menu. */
export function newRecord(what) {
    return {
        content: `New ${what}`,
        trigger: ".o_control_panel_main_buttons .o_list_button_add",
        run: "click",
    };
}

/**
 * The two steps of choosing a record in a relational field: type in its input, then click the line the
 * autocompletion offers. `choice` is the text of that line (the typed text by default).
 */
export function pickFromField(input, typed, choice = typed, what = choice) {
    return [
        {
            content: `Look for ${what}`,
            trigger: input,
            run: `edit ${typed}`,
        },
        {
            content: `${what} is offered`,
            trigger: `.o-autocomplete--dropdown-item:contains("${choice}")`,
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
