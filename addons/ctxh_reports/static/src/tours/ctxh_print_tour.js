/** @odoo-module **/

import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { openFromMenu, waitForBlockedThenReleased } from "@ctxh_residents/tours/ctxh_tour_steps";

const NUMBER = "9/QĐ-TTBTXH";
const PRINTED = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH", NUMBER, "Hồ Đức Bình"];

// The director looks up an admitted resident's admission and prints the admission decision from the
// form's visible button; the printed decision carries the national motto, its number and the person.
registry.category("web_tour.tours").add("ctxh_print_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_admission_menu"),
        {
            content: "Look up the resident",
            trigger: ".o_searchview_input",
            run: "edit Hồ Đức Bình",
        },
        {
            // The suggestion is clicked rather than Enter pressed: under load Enter could reach the
            // search box while the suggestions were being redrawn and search nothing (seen in CI).
            content: "Search the admissions of the person",
            trigger: '.o_searchview_autocomplete li.o_menu_item:first-child:contains("Hồ Đức Bình")',
            run: "click",
        },
        {
            content: "The list is filtered on the person",
            trigger: '.o_searchview_facet:contains("Hồ Đức Bình")',
        },
        {
            // the person's own row: "9/QĐ-TTBTXH" is also part of "49/QĐ-TTBTXH"
            content: "Open the admission that has a decision",
            trigger: `.o_data_row:contains("Hồ Đức Bình"):contains("${NUMBER}") td[name="resident_id"]`,
            run: "click",
        },
        {
            content: "The person is admitted",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="admitted"]',
        },
        {
            content: "Print the admission decision from its button and wait for the download",
            trigger: '.o_form_view .o_statusbar_buttons button:contains("In quyết định")',
            async run(helpers) {
                const downloaded = waitForBlockedThenReleased();
                await helpers.click();
                await downloaded;
            },
        },
        {
            content: "No other admission document is offered for an admission with a decision",
            trigger: ".o_form_view .o_statusbar_buttons",
            run() {
                const printing = [...document.querySelectorAll(".o_form_view .o_statusbar_buttons button")]
                    .filter((button) => button.querySelector(".fa-print"))
                    .map((button) => button.textContent.trim());
                if (printing.length !== 1) {
                    throw new Error(`Expected only the decision to print, got: ${printing.join(", ")}`);
                }
            },
        },
        {
            content: "The printed decision has the motto, its number and the person",
            trigger: ".o_form_view .o_statusbar_status",
            async run() {
                // the admission of that decision, asked of the server (the address bar may lag behind)
                const [admission] = await rpc("/web/dataset/call_kw/ctxh.admission/search_read", {
                    model: "ctxh.admission",
                    method: "search_read",
                    args: [[["decision_number", "=", NUMBER]], ["id"]],
                    kwargs: {},
                });
                const url = `/report/html/ctxh_reports.report_admission_decision/${admission.id}`;
                const response = await fetch(url);
                const html = await response.text();
                for (const text of PRINTED) {
                    if (!response.ok || !html.includes(text)) {
                        throw new Error(`The printed decision lacks "${text}" (HTTP ${response.status})`);
                    }
                }
            },
        },
    ],
});
