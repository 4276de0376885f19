/** @odoo-module **/

import { formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

const { DateTime } = luxon;

// From the home screen to the care plans, by the menus only, as the staff get there every day.
// A social worker drafts the first care plan of a resident in care who has none, with a goal and an
// intervention, and sends it to the director: a plan is only in force once the director approves it.
registry.category("web_tour.tours").add("ctxh_care_plan_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_care.menu_ctxh_care", "ctxh_care.ctxh_care_plan_menu"),
        {
            content: "New care plan",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        ...pickFromField(
            '.o_form_editable div[name="resident_id"] input',
            "Huỳnh Ngọc Yến",
            "Huỳnh Ngọc Yến",
            "the resident",
        ),
        {
            content: "Her current stay is filled in",
            trigger: '.o_form_editable div[name="stay_id"] input:value(Huỳnh Ngọc Yến)',
        },
        {
            content: "The team reviews the plan in three months",
            trigger: '.o_form_editable div[name="review_date"] input',
            // the date as the user's language writes it (dd/MM/yyyy in Vietnamese)
            run: `edit ${formatDate(DateTime.now().plus({ months: 3 }))}`,
        },
        {
            content: "Add a goal",
            trigger: 'div[name="goal_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "The goal",
            trigger: 'div[name="goal_ids"] .o_selected_row div[name="objective"] input',
            run: "edit Tự đi lại trong khu nhà với khung tập đi",
        },
        {
            content: "How the team will know it is reached",
            trigger: 'div[name="goal_ids"] .o_selected_row div[name="indicator"] input',
            run: "edit Đi được 30 m không cần người dìu",
        },
        {
            content: "Open the interventions",
            trigger: '.o_notebook_headers a[name="interventions"]',
            run: "click",
        },
        {
            content: "Add an intervention",
            trigger: 'div[name="intervention_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Physiotherapy",
            trigger: 'div[name="intervention_ids"] .o_selected_row div[name="kind"] select',
            run: "selectByLabel Trị liệu và phục hồi chức năng",
        },
        {
            content: "What is done",
            trigger: 'div[name="intervention_ids"] .o_selected_row div[name="description"] input',
            run: "edit Tập vật lý trị liệu với khung tập đi",
        },
        {
            content: "How often",
            trigger: 'div[name="intervention_ids"] .o_selected_row div[name="frequency"] input',
            run: "edit 3 buổi/tuần",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The plan is saved as her first version",
            trigger: 'body:has(.o_form_saved) .o_breadcrumb .active:contains("Huỳnh Ngọc Yến - v1")',
        },
        {
            content: "Submit it to the director",
            trigger: '.o_form_view button[name="action_submit"]',
            run: "click",
        },
        {
            content: "The plan waits for the director",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="submitted"]',
        },
    ],
});

// The director looks for the plans waiting for approval and approves the one submitted for Bùi Quang Lộc.
registry.category("web_tour.tours").add("ctxh_care_plan_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_care.menu_ctxh_care", "ctxh_care.ctxh_care_plan_menu"),
        {
            content: "Open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "The plans waiting for approval",
            trigger: '.o_filter_menu .o-dropdown-item:contains("Chờ phê duyệt")',
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: '.o_searchview_facet:contains("Chờ phê duyệt")',
        },
        {
            content: "Open the plan of Bùi Quang Lộc",
            trigger: '.o_kanban_record:contains("Bùi Quang Lộc")',
            run: "click",
        },
        {
            content: "Approve it",
            trigger: '.o_form_view button[name="action_approve"]',
            run: "click",
        },
        {
            content: "The plan is approved",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="approved"]',
        },
        {
            content: "The director is named as its approver",
            trigger: '.o_form_view div[name="approver_id"]:contains("Nguyễn Văn Hùng")',
        },
    ],
});
