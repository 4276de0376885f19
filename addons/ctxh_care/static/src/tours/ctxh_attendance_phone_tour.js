/** @odoo-module **/

import { registry } from "@web/core/registry";

// The instructor takes the sewing class's attendance on a 390 px phone: from the menu to the session, everyone
// present in one tap, then the one who stayed in her room marked absent on her own card, and the session closed.
const ROW = '.o_field_widget[name="attendance_ids"] .o_kanban_record';

registry.category("web_tour.tours").add("ctxh_attendance_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the app's menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open the sessions",
            trigger: '.o_app_menu_sidebar li[data-menu-xmlid="ctxh_care.ctxh_programme_session_menu"]',
            run: "click",
        },
        {
            content: "Open today's sewing class",
            trigger: '.o_kanban_view .o_kanban_record:contains("Buổi học may số 5")',
            run: "click",
        },
        {
            content: "Mark the whole group present",
            trigger: '.o_form_view .o_notebook button[name="action_all_present"]',
            run: "click",
        },
        {
            content: "Mark absent the resident who did not come, on her own card",
            trigger: `${ROW}:contains("Huỳnh Hồng Dung") button[name="action_mark_absent"]`,
            run: "click",
        },
        {
            content: "Her card says absent",
            trigger: `${ROW}:contains("Huỳnh Hồng Dung"):contains("Vắng")`,
        },
        {
            content: "Close the session",
            trigger: '.o_form_view .o_notebook button[name="action_done"]',
            run: "click",
        },
        {
            content: "The session is done: its buttons are gone",
            trigger: '.o_form_view .o_notebook:not(:has(button[name="action_done"]))',
        },
    ],
});
