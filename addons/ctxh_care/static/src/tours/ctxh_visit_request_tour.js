/** @odoo-module **/

import { registry } from "@web/core/registry";

// A relative on Odoo's portal asks to visit his father next week, in the afternoon, and sees the request
// waiting for the facility's answer.
registry.category("web_tour.tours").add("ctxh_visit_request_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the visits from the portal's home",
            trigger: 'a[href="/my/visits"]',
            run: "click",
        },
        {
            content: "The facility's visiting hours are shown",
            trigger: ".ctxh-portal-visit:contains('Hồ Đức Bình') .ctxh-visiting-hours",
        },
        {
            content: "Choose the day",
            trigger: ".ctxh-portal-visit:contains('Hồ Đức Bình') input[name='date']",
            run() {
                this.anchor.value = "2030-01-15";
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "In the afternoon",
            trigger: ".ctxh-portal-visit:contains('Hồ Đức Bình') select[name='time_slot']",
            run: "select afternoon",
        },
        {
            content: "Send the request",
            trigger: ".ctxh-portal-visit:contains('Hồ Đức Bình') button[type='submit']",
            run: "click",
        },
        {
            content: "The request is sent and waits for the answer",
            trigger: ".alert-success",
        },
        {
            content: "It is listed with the person visited",
            trigger: "tr.ctxh-portal-visit-request:contains('Hồ Đức Bình')",
        },
    ],
});
