/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, openFromMenu } from "@ctxh_residents/tours/ctxh_tour_steps";

// The social worker on duty opens today's day-care sheet from the menus: it already lists the people whose
// contract includes day care; she marks Mr Khải present with one tap, saves and confirms the day.
registry.category("web_tour.tours").add("ctxh_daycare_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_daycare", "ctxh_services.ctxh_daycare_attendance_menu"),
        newRecord("day-care sheet"),
        {
            content: "The sheet lists Mrs Nhung, who pays by the month",
            trigger: '.o_form_editable div[name="line_ids"] .o_data_row:contains("Phạm Thị Nhung")',
        },
        {
            content: "Mark Mr Khải present",
            trigger: '.o_form_editable div[name="line_ids"] .o_data_row:contains("Vũ Văn Khải") div[name="present"] input',
            run: "click",
        },
        {
            content: "He is marked present",
            trigger: '.o_form_editable div[name="line_ids"] .o_data_row:contains("Vũ Văn Khải") div[name="present"] input:checked',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Confirm the day",
            trigger: 'body:has(.o_form_saved) .o_form_view button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The day is confirmed",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value="confirmed"]',
        },
    ],
});
