/** @odoo-module **/

import { registry } from "@web/core/registry";
import { openFromMenu } from "@ctxh_residents/tours/ctxh_tour_steps";

const ATTENDANCE = '.o_field_widget[name="attendance_ids"]';

// After the sewing class, the social worker takes the attendance of the whole group on one
// screen: everyone present, then the one who stayed in her room, and the session is closed.
registry.category("web_tour.tours").add("ctxh_attendance_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_care.menu_ctxh_care_activities", "ctxh_care.ctxh_programme_session_menu"),
        {
            content: "Open today's sewing class",
            trigger: '.o_list_view .o_data_row td[name="topic"]:contains("Buổi học may số 5")',
            run: "click",
        },
        {
            content: "Nobody is marked yet",
            trigger: '.o_form_view div[name="unmarked_count"]:contains("5")',
        },
        {
            content: "Mark the whole group present",
            trigger: '.o_form_view button[name="action_all_present"]',
            run: "click",
        },
        {
            content: "Everyone is present",
            trigger: '.o_form_view div[name="present_count"]:contains("5")',
        },
        {
            content: "Select the row of the resident who did not come",
            trigger: `${ATTENDANCE} .o_data_row:has(td[name="resident_id"]:contains("Huỳnh Hồng Dung")) td[name="status"]`,
            run: "click",
        },
        {
            content: "Mark her absent",
            trigger: `${ATTENDANCE} .o_data_row.o_selected_row td[name="status"] select`,
            run: 'select "absent"',
        },
        {
            content: "Note why",
            trigger: `${ATTENDANCE} .o_data_row.o_selected_row td[name="note"] input`,
            run: "edit Ốm, nghỉ tại phòng",
        },
        {
            content: "Close the session",
            trigger: '.o_form_view button[name="action_done"]',
            run: "click",
        },
        {
            content: "The session is done",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value="done"]',
        },
    ],
});
