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

// The same day on a 390 px phone: the people are cards, each with its toggle.
const CARD = '.o_field_widget[name="line_ids"] .o_kanban_record';

registry.category("web_tour.tours").add("ctxh_daycare_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the app's menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open the day-care sheets",
            trigger: '.o_app_menu_sidebar li[data-menu-xmlid="ctxh_services.ctxh_daycare_attendance_menu"]',
            run: "click",
        },
        {
            content: "New sheet for today",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Mark Mrs Nhung present on her card",
            trigger: `.o_form_editable ${CARD}:contains("Phạm Thị Nhung") div[name="present"] input`,
            run: "click",
        },
        {
            content: "Her card says present",
            trigger: `.o_form_editable ${CARD}:contains("Phạm Thị Nhung") div[name="present"] input:checked`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Confirm the day with the button under the list",
            trigger: 'body:has(.o_form_saved) .o_form_view .o_form_sheet button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The day is confirmed: the button is gone",
            trigger: '.o_form_view:not(:has(button[name="action_confirm"]))',
        },
    ],
});
