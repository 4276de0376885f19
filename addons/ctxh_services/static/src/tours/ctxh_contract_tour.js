/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// A voluntary applicant waits for her care contract to be admitted (her admission is submitted).
const RESIDENT = "Đỗ Bích Anh";
const PAYER = "Trần Đình Quân"; // her husband, a registered relative
const SERVICE = "Chăm sóc tự nguyện phòng chung (tháng)";

// The accountant writes the contract of a voluntary applicant: the service at the price list's price, the
// husband paying it all, a deposit. Signing it is the director's: the accountant is not offered the button.
registry.category("web_tour.tours").add("ctxh_contract_draft_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_billing", "ctxh_services.ctxh_care_contract_menu"),
        newRecord("contract"),
        ...pickFromField(
            '.o_form_editable div[name="resident_id"] input',
            RESIDENT,
            RESIDENT,
            "the applicant",
        ),
        {
            content: "The facility's usual deposit",
            trigger: '.o_form_editable div[name="deposit_amount"] input',
            run: "edit 1000000",
        },
        {
            content: "Add a service",
            trigger: 'div[name="line_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        ...pickFromField(
            'div[name="line_ids"] .o_selected_row div[name="product_id"] input',
            "phòng chung",
            SERVICE,
            "the shared room",
        ),
        {
            // the price is the one of the price list in force on the contract date, filled by the server
            content: "The service is priced",
            trigger: 'div[name="line_ids"] .o_selected_row div[name="price_unit"] input:value(/[1-9]/)',
        },
        {
            content: "Open the payers",
            trigger: '.o_notebook_headers a[name="payers"]',
            run: "click",
        },
        {
            content: "Add a payer",
            trigger: 'div[name="payer_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        ...pickFromField(
            'div[name="payer_ids"] .o_selected_row div[name="partner_id"] input',
            PAYER,
            PAYER,
            "the husband",
        ),
        {
            content: "He pays the whole fee",
            trigger: 'div[name="payer_ids"] .o_selected_row div[name="share"] input:value(/^100/)',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The contract is numbered in the facility's register",
            trigger: '.o_form_view .o_form_saved div[name="name"]:contains("HĐ-")',
        },
        {
            content: "The contract waits in draft",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="draft"]',
        },
        {
            content: "Only the director may sign: the accountant is not offered the button",
            trigger: ".o_form_view .o_statusbar_buttons",
            run() {
                if (document.querySelector('.o_form_view button[name="action_activate"]')) {
                    throw new Error("The accountant is offered to sign the contract");
                }
            },
        },
    ],
});

// The director opens the applicant's draft contract from the menus and signs it: it takes effect.
registry.category("web_tour.tours").add("ctxh_contract_sign_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_billing", "ctxh_services.ctxh_care_contract_menu"),
        {
            content: "Open the applicant's draft contract",
            trigger: `.o_data_row:contains("${RESIDENT}"):contains("Dự thảo") td[name="resident_id"]`,
            run: "click",
        },
        {
            content: "The contract names the payer",
            trigger: '.o_notebook_headers a[name="payers"]',
            run: "click",
        },
        {
            content: "The husband pays",
            trigger: `div[name="payer_ids"] .o_data_row:contains("${PAYER}")`,
        },
        {
            content: "Sign the contract",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_activate"]',
            run: "click",
        },
        {
            content: "The contract is in force",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="active"]',
        },
    ],
});
