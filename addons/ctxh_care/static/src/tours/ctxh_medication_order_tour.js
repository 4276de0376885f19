/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// A nurse prescribes a medication for a resident admitted today, from the Medical menu: "Mới" offers the
// resident, the order is activated and its doses are planned.
registry.category("web_tour.tours").add("ctxh_medication_order_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the Medical menu",
            trigger: '.o_menu_sections [data-menu-xmlid="ctxh_care.menu_ctxh_care_medical"]',
            run: "click",
        },
        {
            content: "Open medication orders",
            trigger: '.dropdown-item[data-menu-xmlid="ctxh_care.ctxh_medication_menu"]',
            run: "click",
        },
        newRecord("order"),
        {
            content: "Type the medicine",
            trigger: '.o_form_editable div[name="medicine"] input',
            run: "edit Paracetamol 500mg",
        },
        ...pickFromField(
            '.o_form_editable div[name="resident_id"] input',
            "Sùng Thị Mỷ",
            "Sùng Thị Mỷ",
            "the resident admitted today",
        ),
        {
            content: "The dose",
            trigger: '.o_form_editable div[name="dose"] input',
            run: "edit 1 viên",
        },
        {
            content: "When",
            trigger: '.o_form_editable div[name="times_of_day"] input',
            run: "edit 08:00,20:00",
        },
        {
            content: "Activate the order",
            trigger: '.o_form_view button[name="action_activate"]',
            run: "click",
        },
        {
            content: "The order is active and its doses are planned",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="active"]',
        },
    ],
});
