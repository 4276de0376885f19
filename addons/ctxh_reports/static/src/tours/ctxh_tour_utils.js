/** @odoo-module **/

/**
 * Resolve once the UI has been blocked and released again: the web client blocks it while it
 * downloads a report (PDF or XLSX). Added nodes are inspected too, in case both happen in one batch.
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
