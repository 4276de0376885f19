/** @odoo-module **/

import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { user } from "@web/core/user";
import { openFromMenu, waitForBlockedThenReleased } from "@ctxh_residents/tours/ctxh_tour_steps";

/**
 * The first day of last month by the user's calendar (the facility's time zone), as the server counts
 * the month it offers: the browser's own clock may be on another day around midnight.
 */
function lastMonth() {
    return luxon.DateTime.now().setZone(user.tz || "Asia/Ho_Chi_Minh").startOf("month").minus({ months: 1 });
}

// Bùi Quang Lộc's daughter has not paid her half of last month (demo data).
const PAYER = "Bùi Thị Lan";

// The payer brings cash to the accountant: the accountant finds her invoice, registers the payment in the
// cash journal and prints the receipt (phiếu thu) she takes home, numbered and with the amount in words.
registry.category("web_tour.tours").add("ctxh_receipt_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_billing", "ctxh_services.menu_ctxh_billing_invoices"),
        {
            // the search box of the app's first screen is there until the invoices replace it
            content: "The care invoices are listed",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("INV/")',
        },
        {
            content: "Look up the payer",
            trigger: ".o_searchview_input",
            run: `edit ${PAYER}`,
        },
        {
            // clicked rather than Enter: under load Enter may reach the box while the suggestions are redrawn
            content: "Search the payer's invoices",
            trigger: `.o_searchview_autocomplete li.o_menu_item:first-child:contains("${PAYER}")`,
            run: "click",
        },
        {
            content: "The list is filtered on the payer",
            trigger: `.o_searchview_facet:contains("${PAYER}")`,
        },
        {
            content: "Open her invoice",
            trigger: `.o_list_view .o_data_row:contains("${PAYER}") td[name="name"]`,
            run: "click",
        },
        {
            content: "Register the payment",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_register_payment"]',
            run: "click",
        },
        {
            content: "She pays in cash",
            trigger: '.modal div[name="journal_id"] input',
            run: "edit Tiền mặt",
        },
        {
            content: "The cash journal is offered",
            trigger: '.modal .o-autocomplete--dropdown-item:contains("Tiền mặt")',
            run: "click",
        },
        {
            content: "The whole amount is due",
            trigger: '.modal div[name="amount"] input:value(/[1-9]/)',
        },
        {
            content: "Create the payment",
            trigger: '.modal button[name="action_create_payments"]',
            run: "click",
        },
        {
            content: "The invoice shows its payment",
            trigger: 'body:not(:has(.modal)) .o_form_view button[name="open_payments"]',
            run: "click",
        },
        {
            content: "The payment is a numbered receipt",
            trigger: '.o_form_view div[name="ctxh_voucher_number"]:contains("PT-")',
        },
        {
            content: "It states the amount in words",
            trigger: '.o_form_view div[name="ctxh_amount_words"]:contains("đồng")',
        },
        {
            content: "Print the receipt from its button and wait for the download",
            trigger: '.o_form_view .o_statusbar_buttons button:contains("In phiếu thu / chi")',
            async run(helpers) {
                const downloaded = waitForBlockedThenReleased();
                await helpers.click();
                await downloaded;
            },
        },
        {
            content: "The printed receipt names the payer, its number and the amount in words",
            trigger: '.o_form_view div[name="ctxh_voucher_number"]:contains("PT-")',
            async run() {
                const voucher = document
                    .querySelector('.o_form_view div[name="ctxh_voucher_number"]')
                    .textContent.trim();
                const words = document
                    .querySelector('.o_form_view div[name="ctxh_amount_words"]')
                    .textContent.trim();
                const [payment] = await rpc("/web/dataset/call_kw/account.payment/search_read", {
                    model: "account.payment",
                    method: "search_read",
                    args: [[["ctxh_voucher_number", "=", voucher]], ["id"]],
                    kwargs: {},
                });
                const url = `/report/html/ctxh_reports.report_payment_voucher/${payment.id}`;
                const response = await fetch(url);
                const html = await response.text();
                for (const text of ["PHIẾU THU", "Mẫu số 01-TT", voucher, PAYER, words]) {
                    if (!response.ok || !html.includes(text)) {
                        throw new Error(`The printed receipt lacks "${text}" (HTTP ${response.status})`);
                    }
                }
            },
        },
    ],
});

// At the end of the month the accountant prints last month's billing and collections workbook for the
// department of labour: from the Reporting menu, for last month, downloaded as XLSX.
registry.category("web_tour.tours").add("ctxh_billing_workbook_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_reports.menu_ctxh_reporting", "ctxh_reports.ctxh_report_wizard_menu_billing"),
        {
            content: "The report is for a month",
            trigger: '.modal div[name="period_kind"] input[data-value="month"]:checked',
        },
        {
            content: "Last month's year",
            trigger: '.modal div[name="year"] input',
            run: `edit ${lastMonth().year}`,
        },
        {
            content: "Last month",
            trigger: '.modal div[name="month"] select',
            async run(helpers) {
                await helpers.select(JSON.stringify(String(lastMonth().month)));
            },
        },
        {
            content: "The period starts on the first of last month",
            trigger: `.modal div[name="date_from"]:contains("${lastMonth().toFormat("dd/MM/yyyy")}")`,
        },
        {
            content: "The period ends on its last day",
            trigger: `.modal div[name="date_to"]:contains("${lastMonth().endOf("month").toFormat("dd/MM/yyyy")}")`,
        },
        {
            content: "Print the workbook and wait for the download",
            trigger: '.modal button[name="action_print"]',
            async run(helpers) {
                const downloaded = waitForBlockedThenReleased();
                await helpers.click();
                await downloaded;
            },
        },
        {
            content: "The dialog closes once the workbook is downloaded",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
