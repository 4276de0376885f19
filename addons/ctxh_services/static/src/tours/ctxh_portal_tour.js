/** @odoo-module **/

import { registry } from "@web/core/registry";

// A family member who pays for his father's care opens Odoo's portal on his phone: his care contracts, the
// contract, and the invoice still to pay with its transfer message and VietQR code to scan.
registry.category("web_tour.tours").add("ctxh_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the care contracts from the portal's home",
            trigger: 'a[href="/my/care-contracts"]',
            run: "click",
        },
        {
            content: "Open the contract of his father's care",
            trigger: "tr.ctxh-portal-contract:contains('Hồ Đức Bình') a",
            run: "click",
        },
        {
            content: "The invoice to pay shows the transfer message and the VietQR code",
            trigger: ".ctxh-portal-invoice:has(.ctxh-portal-reference) img[alt='VietQR']",
        },
    ],
});
