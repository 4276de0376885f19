/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, openFromMenu } from "@ctxh_residents/tours/ctxh_tour_steps";

// At the start of the month the accountant invoices the care contracts, one invoice per payer, and posts them.
registry.category("web_tour.tours").add("ctxh_billing_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_billing", "ctxh_services.ctxh_billing_run_menu"),
        newRecord("billing run"),
        {
            content: "The run covers this month",
            trigger: '.o_form_editable div[name="date_from"] input',
        },
        {
            content: "Generate the invoices",
            trigger: 'button[name="action_generate"]',
            run: "click",
        },
        {
            content: "The run is generated",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value="generated"]',
        },
        {
            content: "The invoices are listed in the run",
            trigger: 'div[name="move_ids"] .o_data_row',
        },
        {
            content: "Post the invoices of the month",
            trigger: 'button[name="action_post"]',
            run: "click",
        },
        {
            content: "The run is posted",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value="posted"]',
        },
        {
            content: "Open the invoices",
            trigger: 'button[name="action_view_invoices"]',
            run: "click",
        },
        {
            content: "The invoices of the month are shown",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
